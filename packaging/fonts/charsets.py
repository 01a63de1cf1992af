"""Character sets the bundled fonts are subset to (what 公文 use), as Unicode code points."""

from __future__ import annotations

# Hanzi outside GB2312 that turn up in personal and place names (人名、地名) in 公文. GB2312 lacks
# them, so a name like 王堃 would otherwise print with a fallback glyph or a blank.
NAME_HANZI = (
    "堃喆玥昇珺琤媖瑄璟昉旻玟珏琇頔甯淏珣瑢犇骉垚燚赟祎禕玙珝瑀瑱璠瓅婧婳嬿烜熠燊珅琰"
    "芃苡莜棨槿樾栢杺沄汭洺浛涴淯湉澍濛灏炘焜煊熳燏彧歆珩瑭瑷翀翾騏鹍龑镕铖镓玓玠玹琍琸"
    "瑒璆璘瓘禛秾綦翯朿曌晞晗暄暐暻曜皞炅旸昀晅晳堉啟琎璿玘珂珮琪瑗璁璎琲瑆瑨璇玳琀琮"
    "昺晖晔晷暘曈曦曙炟炤烔焕煇熙燨爔镠钖锜锳颋颎颙颢飏骎骙骕骢鲲鹏鹓鹞麒麟邨郃郗鄄"
    "劼勍勖匡卲叡嘏坶垲埙堙墉墀壵奭妘姁姈婵媞嫚嫱孖孞宬寀尧岍岜岽峣崟嵘嵚嵛巍彤彦徕"
    "忞怿恂恺悰惇愔慜戬扬攸敩斐旼昍昪晁晏晙晢晫晸暋暎杲枧柃栎栻桄桢梼棣椤楙榆槊樨橦"
    "檀沨泓泷洹浈淇淙渼湜溥滢漪潆澈澧瀚炀烺焓焘焱煦熹燚犀玚玱珙珽琚琯瑊瑛瑧瑫璜璞璟"
    "甍畯皙盺睿砚祜祺禄禤秭筠箐篪纮绚缙罡翊翙耀聿胤臻舜芊芮苒茗茜荟莘菁萱蒨蓁蔚蕙"
    "薇藜虓衎裕觐訸谌谞豳贇跃轶迺逵邕邰郜郯鄞铄铎钤钧钰钺铠锟锴镛闿隽雯霁霈霖靓韡"
    "颀颉颐飒馥驰骁骅骞鸾麓黉鼐龚"
)

GB2312_NOTE = "GB2312 (6,763 hanzi + 682 symbols)"


def gb2312_chars() -> set[int]:
    """Every character of GB2312 (rows 1–87), symbols and hanzi, as Unicode code points."""
    found: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def gbk_chars() -> set[int]:
    found: set[int] = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                found.add(ord(bytes((hi, lo)).decode("gbk")))
            except UnicodeDecodeError:
                continue
    return found


def name_hanzi() -> set[int]:
    """The curated name hanzi, keeping only those that really are GBK-but-not-GB2312."""
    gb = gb2312_chars()
    gbk = gbk_chars()
    return {ord(c) for c in NAME_HANZI if ord(c) in gbk and ord(c) not in gb}


def _ranges(*pairs: tuple[int, int]) -> set[int]:
    return {cp for lo, hi in pairs for cp in range(lo, hi + 1)}


# Punctuation, symbols and forms a 公文 uses beyond GB2312: ASCII, Latin-1 signs, general
# punctuation (— … “ ” ‘ ’ ·), number forms (Ⅻ), enclosed numbers (①), CJK symbols (〔〕),
# enclosed CJK (㈠), full-width and half-width forms.
SYMBOLS = _ranges(
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x206F),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x257F),
    (0x25A0, 0x25FF),
    (0x2600, 0x26FF),
    (0x3000, 0x303F),
    (0x3200, 0x32FF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)
CJK_UNIFIED = _ranges((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))

# (how to say it, which code points)
COVERAGE = {
    "page": (
        "ASCII, digits, punctuation, CJK symbols, full-width forms (no hanzi)",
        lambda: SYMBOLS,
    ),
    "gb2312+names": (
        f"{GB2312_NOTE} + name hanzi outside GB2312 + punctuation and forms",
        lambda: gb2312_chars() | name_hanzi() | SYMBOLS,
    ),
    "names": (
        "the name hanzi outside GB2312 + punctuation and forms",
        lambda: name_hanzi() | SYMBOLS,
    ),
    "gbk+cjk": (
        "all of GBK + CJK Unified Ideographs (incl. Ext. A, compatibility) + punctuation and forms",
        lambda: gbk_chars() | gb2312_chars() | CJK_UNIFIED | SYMBOLS,
    ),
}
