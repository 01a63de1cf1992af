<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Dimension</source>
        <translation>查摆方面</translation>
    </message>
    <message>
        <source>Words before the heading in running text, e.g. 在“</source>
        <translation>正文中标题前的引导词，如：在“</translation>
    </message>
    <message>
        <source>Words after the heading in running text, e.g. ”方面：</source>
        <translation>正文中标题后的收尾词，如：”方面：</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>引导格式</translation>
    </message>
    <message>
        <source>Intro</source>
        <translation>导语</translation>
    </message>
    <message>
        <source>Heading on its own line</source>
        <translation>标题单独成段</translation>
    </message>
    <message>
        <source>Each point its own paragraph</source>
        <translation>每条要点单独成段</translation>
    </message>
    <message>
        <source>Numbered （一）</source>
        <translation>编号（一）</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>段落格式</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Leadership group (班子)</source>
        <translation>班子</translation>
    </message>
    <message>
        <source>Individual member</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>e.g. 县委副书记</source>
        <translation>如：县委副书记</translation>
    </message>
    <message>
        <source>Order in a compilation: 1 comes first, after the group</source>
        <translation>汇编中的顺序：班子材料在前，其后按 1、2、3… 排列</translation>
    </message>
    <message>
        <source>Chinese ordinals: 一是, 二是 …</source>
        <translation>一是、二是……</translation>
    </message>
    <message>
        <source>Numbers: 1. 2. …</source>
        <translation>1. 2. ……</translation>
    </message>
    <message>
        <source>Numbers in brackets: （1）（2）…</source>
        <translation>（1）（2）……</translation>
    </message>
    <message>
        <source>Circled numbers: ①②…</source>
        <translation>①②……</translation>
    </message>
    <message>
        <source>Ordinals: 第一，第二，…</source>
        <translation>第一，第二，……</translation>
    </message>
    <message>
        <source>按照…要求，… 现将有关情况对照检查如下：</source>
        <translation>按照…要求，… 现将有关情况对照检查如下：</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>汇编排序</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Point numbering</source>
        <translation>要点编号</translation>
    </message>
    <message>
        <source>Preamble</source>
        <translation>前言</translation>
    </message>
    <message>
        <source>e.g. %1年12月28日</source>
        <translation>如：%1年12月28日</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>One sentence, e.g. 学习态度不够积极</source>
        <translation>一句话概括，如：学习态度不够积极</translation>
    </message>
    <message>
        <source>The word that introduces the example</source>
        <translation>引出例子的词</translation>
    </message>
    <message>
        <source>Link to…</source>
        <translation>关联到…</translation>
    </message>
    <message>
        <source>Numbered (一是 …)</source>
        <translation>编号（一是……）</translation>
    </message>
    <message>
        <source>Title on its own line</source>
        <translation>标题单独成段</translation>
    </message>
    <message>
        <source>None. Link to… (or right-click the point in the outline)</source>
        <translation>暂无。点击“关联到…”（或在提纲中右键单击该要点）</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <source>Add section</source>
        <translation>添加部分</translation>
    </message>
    <message>
        <source>Add dimension</source>
        <translation>添加查摆方面</translation>
    </message>
    <message>
        <source>Add point</source>
        <translation>添加要点</translation>
    </message>
    <message>
        <source>New measure from this problem</source>
        <translation>由此问题新建整改措施</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Restore version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>例子</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Optional paragraphs before the first item</source>
        <translation>第一项之前的段落（可选）</translation>
    </message>
    <message>
        <source>Link to</source>
        <translation>关联到</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <source>Save version</source>
        <translation>保存版本</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>恢复到此版本</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>Show what changed between two versions</source>
        <translation>查看两个版本之间改了什么</translation>
    </message>
    <message>
        <source>%1  ·  %2  ·  %3 chars</source>
        <translation>%1  ·  %2  ·  %3 字</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Duplicate as next year…</source>
        <translation>复制为下一年度…</translation>
    </message>
    <message>
        <source>Move material to trash</source>
        <translation>将材料移到回收站</translation>
    </message>
    <message>
        <source>Trash…</source>
        <translation>回收站…</translation>
    </message>
    <message>
        <source>The library cannot be opened</source>
        <translation>无法打开材料库</translation>
    </message>
    <message>
        <source>The library file is damaged.</source>
        <translation>材料库文件已损坏。</translation>
    </message>
    <message>
        <source>This file is not a Duizhao library.</source>
        <translation>该文件不是“对照”的材料库。</translation>
    </message>
    <message>
        <source>The file has not been changed. Choose what to do:</source>
        <translation>该文件未被改动。请选择如何处理：</translation>
    </message>
    <message>
        <source>Open the newest good backup (%1)</source>
        <translation>打开最新的完好备份（%1）</translation>
    </message>
    <message>
        <source>The damaged file is kept as a backup first.</source>
        <translation>损坏的文件会先作为备份保留。</translation>
    </message>
    <message>
        <source>No good backup found</source>
        <translation>没有找到完好的备份</translation>
    </message>
    <message>
        <source>Rescue readable materials to a folder…</source>
        <translation>将可读取的材料抢救到文件夹…</translation>
    </message>
    <message>
        <source>Reads a copy of the file and saves each material it can read as a JSON file you can import again.</source>
        <translation>读取该文件的副本，把能读出的每份材料保存为 JSON 文件，之后可重新导入。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Choose a folder for the rescued materials</source>
        <translation>选择保存抢救材料的文件夹</translation>
    </message>
    <message>
        <source>Rescued %1 materials as JSON into %2.</source>
        <translation>已将 %1 份材料以 JSON 格式抢救到 %2。</translation>
    </message>
    <message>
        <source>%1 of them from their newest saved version.</source>
        <translation>其中 %1 份取自最近保存的版本。</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>%1 份无法读取。</translation>
    </message>
    <message>
        <source>Rescue failed: %1</source>
        <translation>抢救失败：%1</translation>
    </message>
    <message>
        <source>Restoring the backup failed: %1</source>
        <translation>恢复备份失败：%1</translation>
    </message>
    <message>
        <source>New template from a notice…</source>
        <translation>从通知生成模板…</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>模板管理…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Add point before</source>
        <translation>在前面添加要点</translation>
    </message>
    <message>
        <source>Delete (to trash)</source>
        <translation>删除（移到回收站）</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <source>Similarity check…</source>
        <translation>查重…</translation>
    </message>
    <message>
        <source>Export as text (.txt)…</source>
        <translation>导出为纯文本（.txt）…</translation>
    </message>
    <message>
        <source>Export as Markdown (.md)…</source>
        <translation>导出为 Markdown（.md）…</translation>
    </message>
    <message>
        <source>Export as JSON (.json)…</source>
        <translation>导出为 JSON（.json）…</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未改</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>开头</translation>
    </message>
    <message>
        <source>part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>aspect</source>
        <translation>方面</translation>
    </message>
    <message>
        <source>point</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>结尾</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>从 %1 移到 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>两个版本内容相同。</translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <source>Earlier version</source>
        <translation>较早版本</translation>
    </message>
    <message>
        <source>Later version</source>
        <translation>较新版本</translation>
    </message>
    <message>
        <source>Changes only</source>
        <translation>只看修改</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Current text</source>
        <translation>当前文本</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Struck through in red: deleted; underlined in blue: added.</source>
        <translation>红色删除线为删去的文字，蓝色下划线为增加的文字。</translation>
    </message>
    <message>
        <source>%1 changes.pdf</source>
        <translation>%1修改对照.pdf</translation>
    </message>
    <message>
        <source>Export the changes as PDF</source>
        <translation>将修改对照导出为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export Word (.docx)…</source>
        <translation>导出 Word（.docx）…</translation>
    </message>
    <message>
        <source>Compile materials (PDF/Word)…</source>
        <translation>汇编材料（PDF/Word）…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Rectification list</source>
        <translation>整改清单</translation>
    </message>
    <message>
        <source>Rectification list as PDF…</source>
        <translation>整改清单导出为 PDF…</translation>
    </message>
    <message>
        <source>Rectification list as Word…</source>
        <translation>整改清单导出为 Word…</translation>
    </message>
    <message>
        <source>Rectification list as Excel…</source>
        <translation>整改清单导出为 Excel…</translation>
    </message>
    <message>
        <source>How to use</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>About Duizhao</source>
        <translation>关于对照</translation>
    </message>
    <message>
        <source>Restore the default layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>Docks and panes as on the first start on this screen</source>
        <translation>各停靠窗和窗格恢复为在此屏幕上首次启动时的样子</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Total %1 chars</source>
        <translation>全文 %1 字</translation>
    </message>
    <message>
        <source>Section %1 chars</source>
        <translation>本节 %1 字</translation>
    </message>
    <message>
        <source>Dimension %1 chars, %2 points</source>
        <translation>本方面 %1 字，%2 条要点</translation>
    </message>
    <message>
        <source> (template: %1–%2)</source>
        <translation>（模板建议：%1–%2 条）</translation>
    </message>
    <message>
        <source>Point %1 chars</source>
        <translation>本要点 %1 字</translation>
    </message>
    <message>
        <source>point %1 of %2</source>
        <translation>第 %1 条/共 %2 条</translation>
    </message>
    <message>
        <source>No material open.</source>
        <translation>未打开材料。</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page to the width of the preview</source>
        <translation>页面宽度适合预览区宽度</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom: 100 % is the page at its printed size</source>
        <translation>缩放：100% 即页面的打印尺寸</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在准备预览…</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在排版…</translation>
    </message>
    <message>
        <source> · characters drawn from a fallback font: %1</source>
        <translation> · 以下字符使用了替代字体：%1</translation>
    </message>
    <message>
        <source>Preview failed: %1</source>
        <translation>预览失败：%1</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Save the material as an A4 PDF (GB/T 9704)</source>
        <translation>将材料保存为 A4 PDF（GB/T 9704 格式）</translation>
    </message>
    <message>
        <source>Print the material at 100 % on A4</source>
        <translation>按 100% 比例在 A4 纸上打印材料</translation>
    </message>
    <message>
        <source>See the printed pages before printing</source>
        <translation>打印前查看版面效果</translation>
    </message>
    <message>
        <source>PDF export failed</source>
        <translation>导出 PDF 失败</translation>
    </message>
    <message>
        <source>Exporting PDF to %1 …</source>
        <translation>正在导出 PDF 到 %1 …</translation>
    </message>
    <message>
        <source>Exported %1 (%2 pages)</source>
        <translation>已导出 %1（共 %2 页）</translation>
    </message>
    <message>
        <source> — characters from a fallback font: %1</source>
        <translation> — 以下字符使用了替代字体：%1</translation>
    </message>
    <message>
        <source>Preparing pages for printing…</source>
        <translation>正在准备打印页面…</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer</source>
        <translation>已将 %1 页发送到打印机</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Find in the open material (Ctrl+F)</source>
        <translation>在当前材料中查找（Ctrl+F）</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>搜索材料库</translation>
    </message>
    <message>
        <source>Check the material now and show the findings</source>
        <translation>立即检查材料并显示检查结果</translation>
    </message>
    <message>
        <source>Checks failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Checks (%1)</source>
        <translation>检查（%1）</translation>
    </message>
    <message>
        <source>This place is no longer in the material; checking again.</source>
        <translation>该处内容已不在材料中，正在重新检查。</translation>
    </message>
    <message>
        <source>Fix “%1” → “%2”</source>
        <translation>修改“%1”→“%2”</translation>
    </message>
    <message>
        <source>Fix %1 findings</source>
        <translation>修改 %1 处问题</translation>
    </message>
    <message>
        <source>Ignore a finding</source>
        <translation>忽略一处问题</translation>
    </message>
    <message>
        <source>Show ignored findings again</source>
        <translation>重新显示已忽略的问题</translation>
    </message>
    <message>
        <source>Pinyin/ASCII stand-ins (dangshi, mzshh…)</source>
        <translation>拼音/字母代写（dangshi、mzshh…）</translation>
    </message>
    <message>
        <source>Placeholders left in (XX, 202X, 某某…)</source>
        <translation>残留占位符（XX、202X、某某…）</translation>
    </message>
    <message>
        <source>Another organization&apos;s name</source>
        <translation>出现其他单位名称</translation>
    </message>
    <message>
        <source>Half-width punctuation in Chinese text</source>
        <translation>中文中使用了半角标点</translation>
    </message>
    <message>
        <source>ASCII quotes in Chinese text</source>
        <translation>中文中使用了英文引号</translation>
    </message>
    <message>
        <source>Quote or bracket facing the wrong way</source>
        <translation>引号或括号方向错误</translation>
    </message>
    <message>
        <source>Unpaired quote or bracket</source>
        <translation>引号或括号不成对</translation>
    </message>
    <message>
        <source>Doubled punctuation</source>
        <translation>标点重复</translation>
    </message>
    <message>
        <source>Paragraph without a full stop</source>
        <translation>段末缺少句号</translation>
    </message>
    <message>
        <source>Space inside Chinese text</source>
        <translation>中文中有多余空格</translation>
    </message>
    <message>
        <source>Official formulation misspelt</source>
        <translation>规范表述有误</translation>
    </message>
    <message>
        <source>Wrong plenary session for the year</source>
        <translation>全会届次与年度不符</translation>
    </message>
    <message>
        <source>Dimension heading differs from the official wording</source>
        <translation>查摆方面标题与官方表述不一致</translation>
    </message>
    <message>
        <source>Common typos</source>
        <translation>常见错别字</translation>
    </message>
    <message>
        <source>Section missing</source>
        <translation>缺少部分</translation>
    </message>
    <message>
        <source>Empty section</source>
        <translation>部分内容为空</translation>
    </message>
    <message>
        <source>Template dimension missing</source>
        <translation>缺少模板规定的查摆方面</translation>
    </message>
    <message>
        <source>Empty dimension</source>
        <translation>查摆方面内容为空</translation>
    </message>
    <message>
        <source>Problem without an example</source>
        <translation>问题缺少具体事例</translation>
    </message>
    <message>
        <source>Problem with no measure answering it</source>
        <translation>问题没有对应的整改措施</translation>
    </message>
    <message>
        <source>Causes thinner than the problems</source>
        <translation>原因剖析少于问题查摆</translation>
    </message>
    <message>
        <source>Point count outside the template&apos;s range</source>
        <translation>要点条数超出模板建议范围</translation>
    </message>
    <message>
        <source>Length outside the target</source>
        <translation>篇幅超出目标范围</translation>
    </message>
    <message>
        <source>Same sentence used twice</source>
        <translation>同一句话重复出现</translation>
    </message>
    <message>
        <source>Stock phrases (套话)</source>
        <translation>套话</translation>
    </message>
    <message>
        <source>Not concrete enough (见人见事)</source>
        <translation>不够具体（未见人见事）</translation>
    </message>
    <message>
        <source>Problem without a linked measure (整改清单)</source>
        <translation>问题未关联整改措施（整改清单）</translation>
    </message>
    <message>
        <source>Measure not linked to a problem (整改清单)</source>
        <translation>整改措施未关联问题（整改清单）</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Replace “%1” with “%2”</source>
        <translation>将“%1”替换为“%2”</translation>
    </message>
    <message>
        <source>Hide this finding for this material (kept in the library)</source>
        <translation>在本材料中不再显示此项（记录保存在材料库中）</translation>
    </message>
    <message>
        <source>Apply the suggested correction (undo with Ctrl+Z)</source>
        <translation>采用建议的修改（可按 Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>Fix all of this kind</source>
        <translation>全部修改同类问题</translation>
    </message>
    <message>
        <source>Apply every suggested correction of this rule as one undo step</source>
        <translation>一次采用该规则的全部建议修改（可一步撤销）</translation>
    </message>
    <message>
        <source>Hide this finding for this material</source>
        <translation>在本材料中不再显示此项</translation>
    </message>
    <message>
        <source>Show ignored</source>
        <translation>显示已忽略项</translation>
    </message>
    <message>
        <source>Show the findings you ignored in this material again</source>
        <translation>重新显示本材料中已忽略的检查结果</translation>
    </message>
    <message>
        <source>Show ignored (%1)</source>
        <translation>显示已忽略项（%1）</translation>
    </message>
    <message>
        <source>No material open</source>
        <translation>未打开材料</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 个警告</translation>
    </message>
    <message>
        <source>%1 hints</source>
        <translation>%1 条提示</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Find and replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <source>Text or regular expression to find</source>
        <translation>要查找的文字或正则表达式</translation>
    </message>
    <message>
        <source>Replacement (\1 refers to a group in regex mode)</source>
        <translation>替换为（正则模式下 \1 表示第 1 个分组）</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Whole library (read-only)</source>
        <translation>整个材料库（只读）</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Open a material to search in it, or tick “Whole library”.</source>
        <translation>请先打开一份材料再查找，或勾选“整个材料库”。</translation>
    </message>
    <message>
        <source>%1 matches in %2 paragraphs</source>
        <translation>在 %2 个段落中找到 %1 处</translation>
    </message>
    <message>
        <source> (the first %1 are listed)</source>
        <translation>（仅列出前 %1 处）</translation>
    </message>
    <message>
        <source>Searching the library…</source>
        <translation>正在搜索材料库…</translation>
    </message>
    <message>
        <source>%1 matches in %2 materials (read-only: open a material to replace)</source>
        <translation>在 %2 份材料中找到 %1 处（只读：打开材料后才能替换）</translation>
    </message>
    <message>
        <source>Replace “%1”</source>
        <translation>替换“%1”</translation>
    </message>
    <message>
        <source>Replace all “%1” (%2)</source>
        <translation>全部替换“%1”（%2 处）</translation>
    </message>
    <message>
        <source>Replaced %1 occurrences (one undo step: Ctrl+Z)</source>
        <translation>已替换 %1 处（可按 Ctrl+Z 一步撤销）</translation>
    </message>
    <message>
        <source>Nothing to replace</source>
        <translation>没有可替换的内容</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Third-party software</source>
        <translation>第三方软件</translation>
    </message>
    <message>
        <source>Bundled fonts</source>
        <translation>随附字体</translation>
    </message>
    <message>
        <source>Modified (subset, renamed) as described in %1.</source>
        <translation>已按 %1 所述修改（子集化、重命名）。</translation>
    </message>
    <message>
        <source>Licence texts: %1</source>
        <translation>许可证全文：%1</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Input context in use</source>
        <translation>正在使用的输入上下文</translation>
    </message>
    <message>
        <source>Qt platform</source>
        <translation>Qt 平台</translation>
    </message>
    <message>
        <source>Input method programs running</source>
        <translation>正在运行的输入法程序</translation>
    </message>
    <message>
        <source>Start-up route</source>
        <translation>启动时选择的连接方式</translation>
    </message>
    <message>
        <source>Set for Qt at start-up</source>
        <translation>启动时为 Qt 设置的变量</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>怎么办</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>The program ran into an unexpected error. What was already saved is not lost: every edit is stored in the library as you type.</source>
        <translation>程序遇到意外错误。已保存的内容不会丢失：每次修改都在输入时存入了材料库。</translation>
    </message>
    <message>
        <source>The log (without any material text) is at: %1</source>
        <translation>日志（不含材料正文）位于：%1</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>You can keep working; if something looks wrong, restart the program.</source>
        <translation>您可以继续工作；如发现异常，请重新启动程序。</translation>
    </message>
    <message>
        <source>The library is already open in another window</source>
        <translation>材料库已在另一个窗口中打开</translation>
    </message>
    <message>
        <source>Cannot open the library</source>
        <translation>无法打开材料库</translation>
    </message>
    <message>
        <source>About the last restore</source>
        <translation>关于上次恢复</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the library with the backup of %1? The current library is kept as a backup first, so this can be undone.</source>
        <translation>用 %1 的备份替换当前材料库吗？当前材料库会先保存为备份，因此可以撤回。</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Backups are made when the library is opened, every hour while you edit, and before every upgrade or restore. They are kept in %1.</source>
        <translation>打开材料库时、编辑期间每小时，以及每次升级或恢复之前都会自动备份。备份保存在 %1。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>This backup cannot be read.</source>
        <translation>该备份无法读取。</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>What you typed could not be saved, so nothing was restored.</source>
        <translation>刚输入的内容未能保存，因此没有执行恢复。</translation>
    </message>
    <message>
        <source>The library could not be opened again: %1</source>
        <translation>无法重新打开材料库：%1</translation>
    </message>
    <message>
        <source>Restore failed, the library is unchanged: %1</source>
        <translation>恢复失败，材料库未改动：%1</translation>
    </message>
    <message>
        <source>Restored the backup of %1. The library as it was is kept as a backup.</source>
        <translation>已恢复 %1 的备份。恢复前的材料库已保存为备份。</translation>
    </message>
    <message>
        <source>Backup and restore…</source>
        <translation>备份与恢复…</translation>
    </message>
    <message>
        <source>See the library&apos;s backups, back up now or restore one</source>
        <translation>查看材料库的备份、立即备份或恢复某个备份</translation>
    </message>
    <message>
        <source>Automatic backup failed: %1 — editing goes on; the library itself is intact.</source>
        <translation>自动备份失败：%1 — 可以继续编辑，材料库本身完好无损。</translation>
    </message>
    <message>
        <source>Save the material as a Word document (.docx) with the official-document layout</source>
        <translation>按公文版式将材料保存为 Word 文档（.docx）</translation>
    </message>
    <message>
        <source>Exporting Word document to %1 …</source>
        <translation>正在导出 Word 文档到 %1 …</translation>
    </message>
    <message>
        <source>Exported the Word document %1</source>
        <translation>已导出 Word 文档 %1</translation>
    </message>
    <message>
        <source>Word export failed</source>
        <translation>导出 Word 失败</translation>
    </message>
    <message>
        <source>IBus (also how fcitx 5 is reached)</source>
        <translation>IBus（fcitx 5 也经由它连接）</translation>
    </message>
    <message>
        <source>compose (no input method: only dead keys, no Chinese)</source>
        <translation>compose（没有连上输入法：只能输入组合键字符，不能输入中文）</translation>
    </message>
    <message>
        <source>the Wayland compositor&apos;s text input</source>
        <translation>Wayland 合成器的文本输入协议</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>the system&apos;s input method</source>
        <translation>系统自带的输入法</translation>
    </message>
    <message>
        <source>Chinese input should work. If the candidate window does not appear, switch to your Chinese input method in the panel (usually Ctrl+Space).</source>
        <translation>应当可以输入中文。如果候选窗口没有出现，请在输入法面板中切换到中文输入法（通常按 Ctrl+空格）。</translation>
    </message>
    <message>
        <source>Chinese input goes through the compositor (KDE Plasma, GNOME and others). If you cannot type Chinese, enable your input method in the system settings, or start Duizhao with QT_IM_MODULE=ibus (fcitx 5 and ibus both answer it).</source>
        <translation>中文输入经由桌面合成器（KDE Plasma、GNOME 等）转交输入法。如果无法输入中文，请在系统设置中启用输入法，或以 QT_IM_MODULE=ibus 启动对照（fcitx 5 和 ibus 都能响应）。</translation>
    </message>
    <message>
        <source>fcitx 4 is running. Duizhao cannot connect to fcitx 4 (its Qt 6 module does not exist). Install fcitx 5 with pinyin (packages fcitx5 and fcitx5-pinyin, or fcitx5-chinese-addons), choose it in the input method settings (im-config), log out and in again. Or use ibus (ibus and ibus-libpinyin).</source>
        <translation>正在运行的是 fcitx 4。对照无法连接 fcitx 4（它没有 Qt 6 模块）。请安装 fcitx 5 和拼音（软件包 fcitx5 和 fcitx5-pinyin，或 fcitx5-chinese-addons），在输入法设置（im-config）中选用它，然后注销并重新登录。也可以改用 ibus（软件包 ibus 和 ibus-libpinyin）。</translation>
    </message>
    <message>
        <source>Your desktop uses fcitx, but Duizhao could not reach it. With fcitx 5, make sure it is running and its IBus frontend is enabled (it is by default), then restart Duizhao. fcitx 4 cannot be reached: install fcitx 5 (fcitx5, fcitx5-pinyin) or ibus (ibus, ibus-libpinyin) and switch to it.</source>
        <translation>您的桌面使用 fcitx，但对照没能连上它。如果是 fcitx 5，请确认它正在运行并已启用 IBus 前端（默认启用），然后重新启动对照。fcitx 4 无法连接：请安装 fcitx 5（fcitx5、fcitx5-pinyin）或 ibus（ibus、ibus-libpinyin）并切换过去。</translation>
    </message>
    <message>
        <source>Your desktop uses ibus, but Duizhao could not reach it. Start it (ibus-daemon -drx, or log out and in again), then restart Duizhao.</source>
        <translation>您的桌面使用 ibus，但对照没能连上它。请启动 ibus（运行 ibus-daemon -drx，或注销并重新登录），然后重新启动对照。</translation>
    </message>
    <message>
        <source>No input method was found. To type Chinese, install fcitx 5 with pinyin (fcitx5, fcitx5-pinyin) or ibus (ibus, ibus-libpinyin), choose it in the input method settings (im-config), log out and in again.</source>
        <translation>没有找到输入法。要输入中文，请安装 fcitx 5 和拼音（fcitx5、fcitx5-pinyin）或 ibus（ibus、ibus-libpinyin），在输入法设置（im-config）中选用它，然后注销并重新登录。</translation>
    </message>
    <message>
        <source>Replace a read-only file?</source>
        <translation>覆盖只读文件？</translation>
    </message>
    <message>
        <source>%1 is read-only (write-protected). Replace it anyway?</source>
        <translation>%1 是只读（写保护）文件。仍要覆盖吗？</translation>
    </message>
    <message>
        <source>Recovered %1 unsaved edit(s) typed before Duizhao last closed unexpectedly.</source>
        <translation>已找回上次意外退出前尚未保存的输入（%1 处）。</translation>
    </message>
    <message>
        <source>%1 could not be written back because the text there has changed since; it is listed below to copy.</source>
        <translation>其中 %1 处因该处内容此后已被改动而未写回，原文列在下方，可复制使用。</translation>
    </message>
    <message>
        <source>Typing recovered</source>
        <translation>已找回未保存的输入</translation>
    </message>
    <message>
        <source>Several materials as one PDF or Word document, with a cover and contents</source>
        <translation>把多份材料汇编成一个 PDF 或 Word 文件，带封面和目录</translation>
    </message>
    <message>
        <source>The library has no materials to compile</source>
        <translation>材料库中没有可汇编的材料</translation>
    </message>
    <message>
        <source>Tick at least one material.</source>
        <translation>请至少勾选一份材料。</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>请选择要保存的文件。</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>正在汇编……</translation>
    </message>
    <message>
        <source>Cancelled. No file was written.</source>
        <translation>已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Compilation failed: %1</source>
        <translation>汇编失败：%1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Template saved: %1 — choose it under New…</source>
        <translation>模板已保存：%1（新建材料时即可选用）</translation>
    </message>
    <message>
        <source>Export the rectification list</source>
        <translation>导出整改清单</translation>
    </message>
    <message>
        <source>Rectification list export failed</source>
        <translation>整改清单导出失败</translation>
    </message>
    <message>
        <source>Exporting the rectification list to %1 …</source>
        <translation>正在导出整改清单到 %1 …</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Exported the rectification list %1</source>
        <translation>已导出整改清单 %1</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Word…</source>
        <translation>导出 Word…</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <source>Status note</source>
        <translation>进展说明</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>推进中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>(no problem linked)</source>
        <translation>（未关联问题）</translation>
    </message>
    <message>
        <source>(no measure linked)</source>
        <translation>（未关联整改措施）</translation>
    </message>
    <message>
        <source>2026-06-30 or 长期坚持</source>
        <translation>如 2026-06-30 或 长期坚持</translation>
    </message>
    <message>
        <source>%1 rows · %2 measures, %3 done</source>
        <translation>共 %1 行 · 整改措施 %2 项，已完成 %3 项</translation>
    </message>
    <message>
        <source> · %1 not linked</source>
        <translation> · %1 项未关联</translation>
    </message>
    <message>
        <source>Press Enter where the printed title should break onto a new line; without it the title breaks between words by itself.</source>
        <translation>在打印标题需要换行处按回车键；不按时，标题自动在词语之间换行。</translation>
    </message>
    <message>
        <source>year %1</source>
        <translation>%1年度</translation>
    </message>
    <message>
        <source>no year</source>
        <translation>未填年度</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>对照材料：</translation>
    </message>
    <message>
        <source>The material shown beside the open one (read-only)</source>
        <translation>在当前材料旁显示的材料（只读）</translation>
    </message>
    <message>
        <source>Copy to the current point</source>
        <translation>复制到当前要点</translation>
    </message>
    <message>
        <source>Insert the text selected here at the cursor of the field being edited (one step, Ctrl+Z takes it back)</source>
        <translation>把这里选中的文字插入到正在编辑的栏目的光标处（一步操作，Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>No other material in the library</source>
        <translation>材料库中没有其他材料</translation>
    </message>
    <message>
        <source>Move “%1” to trash</source>
        <translation>将“%1”移到回收站</translation>
    </message>
    <message>
        <source>Restore “%1”</source>
        <translation>恢复“%1”</translation>
    </message>
    <message>
        <source>Rename to “%1”</source>
        <translation>重命名为“%1”</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>Redo: %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <source>Last year side by side</source>
        <translation>对照上年材料</translation>
    </message>
    <message>
        <source>Copy from last year</source>
        <translation>从上年材料复制</translation>
    </message>
    <message>
        <source>Show last year&apos;s material beside this one, read-only</source>
        <translation>在当前材料旁以只读方式显示上年材料</translation>
    </message>
    <message>
        <source>Open a material to compare it with last year&apos;s.</source>
        <translation>请先打开一份材料，再与上年材料对照。</translation>
    </message>
    <message>
        <source>Cannot read the material: %1</source>
        <translation>无法读取该材料：%1</translation>
    </message>
    <message>
        <source>The library holds no other material to compare with.</source>
        <translation>材料库中没有其他材料可供对照。</translation>
    </message>
    <message>
        <source>No earlier year&apos;s material of the same unit, author and scope is in the library. Choose another material above.</source>
        <translation>材料库中没有同一单位、同一作者、同一范围的往年材料。可在上方选择其他材料对照。</translation>
    </message>
    <message>
        <source>Last year&apos;s material has nothing corresponding to this.</source>
        <translation>上年材料中没有与此对应的内容。</translation>
    </message>
    <message>
        <source>No such point last year; the part it belongs to is marked: %1</source>
        <translation>上年没有对应的要点，已标出所属部分：%1</translation>
    </message>
    <message>
        <source>Last year: %1</source>
        <translation>上年对应：%1</translation>
    </message>
    <message>
        <source>Select a passage in last year&apos;s material first.</source>
        <translation>请先在上年材料中选中要复制的文字。</translation>
    </message>
    <message>
        <source>Click into the field the passage should go to first.</source>
        <translation>请先在编辑区点击要插入文字的位置。</translation>
    </message>
    <message>
        <source>Copied %1 characters from last year (Ctrl+Z takes them back).</source>
        <translation>已从上年材料复制 %1 字（Ctrl+Z 可撤销）。</translation>
    </message>
    <message>
        <source>Export the similarity report</source>
        <translation>导出查重报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML 网页 (*.html)</translation>
    </message>
    <message>
        <source>Compare with a model text</source>
        <translation>对照范文</translation>
    </message>
    <message>
        <source>Texts (*.txt *.md *.docx)</source>
        <translation>文本 (*.txt *.md *.docx)</translation>
    </message>
    <message>
        <source>Compare with a folder of model texts</source>
        <translation>对照范文文件夹</translation>
    </message>
    <message>
        <source>Find passages shared with other materials and model texts</source>
        <translation>找出与其他材料和范文相同的段落</translation>
    </message>
    <message>
        <source>Similarity %1 (text changed since)</source>
        <translation>查重 %1（文字已改动）</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Similarity %1</source>
        <translation>查重 %1</translation>
    </message>
    <message>
        <source>Share of the text in passages shared with other materials or model texts</source>
        <translation>与其他材料或范文相同的段落占全文的比例</translation>
    </message>
    <message>
        <source>Similarity check failed: %1</source>
        <translation>查重失败：%1</translation>
    </message>
    <message>
        <source>This place is no longer in the material; run the similarity check again.</source>
        <translation>材料中已没有这处文字，请重新查重。</translation>
    </message>
    <message>
        <source>Exporting the report to %1 …</source>
        <translation>正在导出查重报告到 %1 …</translation>
    </message>
    <message>
        <source>Exported the similarity report %1</source>
        <translation>已导出查重报告 %1</translation>
    </message>
    <message>
        <source>Report not exported: %1</source>
        <translation>未导出报告：%1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Shared text</source>
        <translation>相同文字</translation>
    </message>
    <message>
        <source>Last year&apos;s material</source>
        <translation>上年材料</translation>
    </message>
    <message>
        <source>Last year&apos;s rectification</source>
        <translation>上年整改</translation>
    </message>
    <message>
        <source>Click a match to see the source passage here.</source>
        <translation>点击一处相同段落，在此查看来源原文。</translation>
    </message>
    <message>
        <source> chars</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>A passage counts when at least this many characters in a row are the same</source>
        <translation>连续相同不少于这么多字（不计标点和编号）才计入</translation>
    </message>
    <message>
        <source>Own earlier and same-year materials</source>
        <translation>本单位往年和同年度材料</translation>
    </message>
    <message>
        <source>The whole library</source>
        <translation>材料库全部材料</translation>
    </message>
    <message>
        <source>Model texts…</source>
        <translation>对照范文…</translation>
    </message>
    <message>
        <source>Also compare with .txt/.md/.docx model texts you downloaded</source>
        <translation>同时与下载的 .txt/.md/.docx 范文比对</translation>
    </message>
    <message>
        <source>Add a file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Compare with no model texts</source>
        <translation>不对照范文</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>查重</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Save the results as PDF or HTML for a reviewer</source>
        <translation>把结果保存为 PDF 或网页文件，交审核人员查看</translation>
    </message>
    <message>
        <source>Shortest passage</source>
        <translation>最短相同</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比对范围</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The text changed since the run: run again first</source>
        <translation>查重后文字已改动，请先重新查重</translation>
    </message>
    <message>
        <source>Shared %1 of %2 characters (%3) · %4 sources compared · passages of %5+ chars</source>
        <translation>重复 %1 / %2 字（%3）· 比对来源 %4 份 · 连续相同 %5 字以上计入</translation>
    </message>
    <message>
        <source>Shared passages (%1)</source>
        <translation>相同段落（%1）</translation>
    </message>
    <message>
        <source>Repeated from last year (%1)</source>
        <translation>与上年重复的问题（%1）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Not saved: %1 — the text stays in the editor and is saved again on the next edit.</source>
        <translation>未保存：%1 — 文字仍在编辑器中，下次修改时会再次保存。</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Duizhao</source>
        <translation>关于对照</translation>
    </message>
    <message>
        <source>Duizhao</source>
        <translation>对照</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>An offline editor for 对照检查材料 (self-examination reports).</source>
        <translation>离线编写对照检查材料的工具。</translation>
    </message>
    <message>
        <source>Licence: %1. This program is free software: you may redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with ABSOLUTELY NO WARRANTY. Full text: %2</source>
        <translation>许可证：%1。本程序是自由软件：您可以依据自由软件基金会发布的 GNU 通用公共许可证第 3 版（或您选择的任何更新版本）再发布和/或修改本程序。本程序不提供任何担保。许可证全文：%2</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>第三方声明</translation>
    </message>
    <message>
        <source>Input method</source>
        <translation>输入法</translation>
    </message>
</context>
<context>
    <name>CompileDialog</name>
    <message>
        <source>Compile materials</source>
        <translation>汇编材料</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Group first, then by rank</source>
        <translation>班子在前，按排序</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Materials, in the order they are compiled</source>
        <translation>材料（按汇编顺序）</translation>
    </message>
    <message>
        <source>Tick the materials; drag them, or press Alt+↑/↓, to reorder.</source>
        <translation>勾选要汇编的材料；拖动或按 Alt+↑/↓ 调整顺序。</translation>
    </message>
    <message>
        <source>Start each material on an odd page</source>
        <translation>每份材料从奇数页开始</translation>
    </message>
    <message>
        <source>For double-sided printing: a blank page is inserted where needed</source>
        <translation>用于双面打印：需要时插入空白页</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Word (.docx)</source>
        <translation>Word（.docx）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Compile</source>
        <translation>开始汇编</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>班子</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>%1 annual</source>
        <translation>%1年度</translation>
    </message>
    <message>
        <source>%1 of %2 materials ticked</source>
        <translation>已勾选 %1 份，共 %2 份</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word 文档（*.docx）</translation>
    </message>
    <message>
        <source>Save the compilation</source>
        <translation>保存汇编</translation>
    </message>
    <message>
        <source>Compiling… %1 of %2</source>
        <translation>正在汇编…… %1/%2</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件……</translation>
    </message>
</context>
<context>
    <name>DocxExportDialog</name>
    <message>
        <source>Export Word (.docx)</source>
        <translation>导出 Word（.docx）</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>The library is empty: create a material from a template or import a file first, then duplicate it as next year&apos;s draft.</source>
        <translation>材料库还是空的：请先从模板新建或导入一份材料，再复制为下一年度草稿。</translation>
    </message>
    <message>
        <source>Select a material in the library first, then duplicate it.</source>
        <translation>请先在材料库中选中一份材料，再复制为下一年度草稿。</translation>
    </message>
    <message>
        <source>Duplicate as next year&apos;s draft</source>
        <translation>复制为下一年度草稿</translation>
    </message>
    <message>
        <source>A copy of “{title}” keeps every point&apos;s text; you then revise it.</source>
        <translation>将复制《{title}》并保留全部要点原文，复制后再逐条修改。</translation>
    </message>
    <message>
        <source>New year</source>
        <translation>新年度</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Start with how last year&apos;s measures were carried out (status, notes)</source>
        <translation>以“上年度整改落实情况”开头（列出去年各项整改措施的状态和说明）</translation>
    </message>
    <message>
        <source>A first section lists each of last year&apos;s measures with its status, responsible person and deadline, ready to be rewritten as prose.</source>
        <translation>草稿开头增加一个部分，逐条列出去年的整改措施及其整改状态、责任人和完成时限，供改写成文字。</translation>
    </message>
    <message>
        <source>Last year&apos;s material has no measures.</source>
        <translation>去年的材料中没有整改措施。</translation>
    </message>
    <message>
        <source>The framework changes. Choose where each of last year&apos;s aspects goes; its points go with it.</source>
        <translation>框架有变化。请为上一年度的每个查摆方面选择归入何处，其下要点随之移动。</translation>
    </message>
    <message>
        <source>moved into “{name}”</source>
        <translation>并入“{name}”方面</translation>
    </message>
    <message>
        <source>The draft will have {count} aspects.</source>
        <translation>草稿共有 {count} 个查摆方面。</translation>
    </message>
    <message>
        <source>Without points yet (to write): {names}.</source>
        <translation>尚无要点（待撰写）：{names}。</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>归入</translation>
    </message>
    <message>
        <source>Last year&apos;s aspect</source>
        <translation>原查摆方面</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>要点数</translation>
    </message>
    <message>
        <source>Create draft</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <source>Same framework: every aspect stays as it is.</source>
        <translation>框架相同：各查摆方面保持不变。</translation>
    </message>
    <message>
        <source>kept as an extra aspect</source>
        <translation>保留为附加查摆方面</translation>
    </message>
</context>
<context>
    <name>ExportMixin</name>
    <message>
        <source>Text (*.txt)</source>
        <translation>纯文本 (*.txt)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Duizhao JSON (*.json)</source>
        <translation>对照 JSON (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>The help page is missing; reinstall the program.</source>
        <translation>使用说明页面缺失，请重新安装对照。</translation>
    </message>
    <message>
        <source>How to use</source>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import material</source>
        <translation>导入材料</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>Recognised {dimensions} aspects with {points} problem points ({examples} with an example), {causes} root causes and {measures} measures.</source>
        <translation>识别出 {dimensions} 个查摆方面、{points} 条问题（其中 {examples} 条带例子），{causes} 条问题根源，{measures} 条整改措施。</translation>
    </message>
    <message>
        <source>{name} (suggested, {score}% match)</source>
        <translation>{name}（推荐，匹配度 {score}%）</translation>
    </message>
    <message>
        <source>{name} (suggested)</source>
        <translation>{name}（推荐）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>提示：{text}</translation>
    </message>
    <message>
        <source>Please check (not classified or left out):</source>
        <translation>请核对以下内容（未能归类或已略去）：</translation>
    </message>
    <message>
        <source>Everything was classified.</source>
        <translation>全部内容均已归类。</translation>
    </message>
    <message>
        <source>Not classified: {text}</source>
        <translation>未归类：{text}</translation>
    </message>
    <message>
        <source>Section kept as “other”: {heading}</source>
        <translation>作为“其他”部分保留：{heading}</translation>
    </message>
</context>
<context>
    <name>ImportMaterial</name>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Converting {name} with LibreOffice…</source>
        <translation>正在用 LibreOffice 转换 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import material</source>
        <translation>导入材料</translation>
    </message>
    <message>
        <source>{name} is an old Word/WPS file. Convert it to .docx with LibreOffice and import it?</source>
        <translation>{name} 是旧版 Word/WPS 文件。要用 LibreOffice 转换为 .docx 后再导入吗？</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Recognised structure</source>
        <translation>识别出的结构</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Not classified: {text}</source>
        <translation>未归类：{text}</translation>
    </message>
</context>
<context>
    <name>LibraryActionsMixin</name>
    <message>
        <source>New material “%1”</source>
        <translation>新建材料“%1”</translation>
    </message>
    <message>
        <source>Cannot create the material</source>
        <translation>无法新建材料</translation>
    </message>
    <message>
        <source>Cannot import this file</source>
        <translation>无法导入该文件</translation>
    </message>
    <message>
        <source>Import “%1”</source>
        <translation>导入“%1”</translation>
    </message>
    <message>
        <source>Cannot duplicate the material</source>
        <translation>无法复制材料</translation>
    </message>
    <message>
        <source>Next year&apos;s draft “%1”</source>
        <translation>下一年度草稿“%1”</translation>
    </message>
    <message>
        <source>Cannot rename the material</source>
        <translation>无法重命名材料</translation>
    </message>
    <message>
        <source>Cannot move to trash</source>
        <translation>无法移到回收站</translation>
    </message>
    <message>
        <source>“%1” moved to the trash.</source>
        <translation>已将“%1”移到回收站。</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>LibraryUndo</name>
    <message>
        <source>Cannot change the library</source>
        <translation>无法修改材料库</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Library</source>
        <translation>材料库</translation>
    </message>
    <message>
        <source>Search all materials (Ctrl+Shift+F)</source>
        <translation>搜索全部材料（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <source>The library is empty. Create a material from a template or import a file.</source>
        <translation>材料库还是空的。请从模板新建材料，或导入已有文件。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>New from template…</source>
        <translation>从模板新建…</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Duplicate as next year&apos;s draft…</source>
        <translation>复制为下一年度草稿…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Show trash…</source>
        <translation>查看回收站…</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>搜索失败</translation>
    </message>
    <message>
        <source>Import material</source>
        <translation>导入材料</translation>
    </message>
    <message>
        <source>Materials ({patterns});;All files (*)</source>
        <translation>材料文件 ({patterns});;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <source>Rectification list</source>
        <translation>整改清单</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>查重</translation>
    </message>
</context>
<context>
    <name>MaterialTree</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>{year} annual</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>No year</source>
        <translation>未定年度</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>No. {n}</source>
        <translation>编号 {n}</translation>
    </message>
    <message>
        <source>changed {t}</source>
        <translation>{t} 修改</translation>
    </message>
    <message>
        <source>{label} ({n})</source>
        <translation>{label}（{n}）</translation>
    </message>
    <message>
        <source>{n} materials</source>
        <translation>{n} 份材料</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>{d} aspects, {p} points, {w} characters, updated {t}</source>
        <translation>{d} 个查摆方面，{p} 条要点，{w} 字，修改于 {t}</translation>
    </message>
    <message>
        <source>Author: {name}</source>
        <translation>作者：{name}</translation>
    </message>
</context>
<context>
    <name>NewMaterialDialog</name>
    <message>
        <source>New material</source>
        <translation>新建材料</translation>
    </message>
    <message>
        <source>e.g. 县政府党组</source>
        <translation>如：县政府党组</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Template (the year&apos;s framework)</source>
        <translation>模板（年度框架）</translation>
    </message>
    <message>
        <source>Based on: %1</source>
        <translation>依据：%1</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <source>(untitled material)</source>
        <translation>（无标题材料）</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>提纲</translation>
    </message>
</context>
<context>
    <name>PdfExportDialog</name>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Each point (一是, 二是 …) in its own paragraph</source>
        <translation>每条要点（一是、二是……）单独成段</translation>
    </message>
    <message>
        <source>Point titles in bold</source>
        <translation>要点标题加粗</translation>
    </message>
    <message>
        <source>Sign at the end (author or organization, and date)</source>
        <translation>文末落款（署名或单位，以及日期）</translation>
    </message>
    <message>
        <source>Outside edge: odd pages right, even pages left (GB/T 9704)</source>
        <translation>外侧：单页居右、双页居左（GB/T 9704）</translation>
    </message>
    <message>
        <source>Centred</source>
        <translation>居中</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>A4 portrait, GB/T 9704 margins and 28 × 22 character grid</source>
        <translation>A4 纵向，GB/T 9704 页边距，每行 28 字、每页 22 行</translation>
    </message>
    <message>
        <source>Page numbers</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Fonts used for each role:</source>
        <translation>各部分使用的字体：</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Enter a file name to save the PDF as.</source>
        <translation>请输入 PDF 的保存文件名。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder; enter a file name.</source>
        <translation>%1 是文件夹，请输入文件名。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message numerus="yes">
        <source>%n page(s), A4</source>
        <translation>
            <numerusform>共 %n 页，A4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsList</name>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>example</source>
        <translation>例子</translation>
    </message>
    <message>
        <source>heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>intro</source>
        <translation>导语</translation>
    </message>
    <message>
        <source>preamble</source>
        <translation>前言</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>结尾</translation>
    </message>
    <message>
        <source>organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>No match for “{query}”.</source>
        <translation>没有找到“{query}”。</translation>
    </message>
</context>
<context>
    <name>SetAsideList</name>
    <message>
        <source>Bring back ticked lines</source>
        <translation>恢复勾选的行</translation>
    </message>
    <message>
        <source>Set aside as page furniture ({count} lines; tick a line to keep it as text):</source>
        <translation>已作为网页/页面附加内容剔除（{count} 行；勾选可恢复为正文）：</translation>
    </message>
</context>
<context>
    <name>TemplateFromNoticeDialog</name>
    <message>
        <source>New template from a notice</source>
        <translation>从通知生成模板</translation>
    </message>
    <message>
        <source>Paste the text of the year&apos;s notice (通知/方案) here…</source>
        <translation>在此粘贴本年度通知（方案）的全文…</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Recognise</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Wording</source>
        <translation>表述</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The year&apos;s notice: paste its text, or open a .txt/.docx file</source>
        <translation>本年度通知：粘贴全文，或打开文本文件、Word 文档</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Dimensions (check the short names)</source>
        <translation>查摆方面（请核对简称）</translation>
    </message>
    <message>
        <source>Recognising…</source>
        <translation>正在识别…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Template from a notice</source>
        <translation>由通知生成的模板</translation>
    </message>
    <message>
        <source>%1 dimensions recognised. Check their wording and short names, then save.</source>
        <translation>识别出 %1 个查摆方面。请核对表述和简称后保存。</translation>
    </message>
    <message>
        <source>The program already has this framework: “%1” (you can use it under New…).</source>
        <translation>程序已内置这一框架：“%1”（新建材料时可直接选用）。</translation>
    </message>
    <message>
        <source>Open the notice</source>
        <translation>打开通知</translation>
    </message>
    <message>
        <source>Notices (*.txt *.md *.docx);;All files (*)</source>
        <translation>通知 (*.txt *.md *.docx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>查摆方面</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>In material</source>
        <translation>所属材料</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>The version that was in the material went to the trash in its place.</source>
        <translation>材料中原有的那个版本已换入回收站。</translation>
    </message>
</context>
<context>
    <name>UndoNotice</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Bring the material back (Ctrl+Z in the library)</source>
        <translation>把材料找回来（在材料库中也可按 Ctrl+Z）</translation>
    </message>
</context>
<context>
    <name>UserTemplatesDialog</name>
    <message>
        <source>Templates</source>
        <translation>模板管理</translation>
    </message>
    <message>
        <source>Your own templates are kept in %1</source>
        <translation>自建模板保存在：%1</translation>
    </message>
    <message>
        <source>New from a notice…</source>
        <translation>从通知生成…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>Not imported: you kept the template you had.</source>
        <translation>未导入：已保留原有的模板。</translation>
    </message>
    <message>
        <source>Template imported: %1</source>
        <translation>模板已导入：%1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到：%1</translation>
    </message>
    <message>
        <source>Template deleted: %1</source>
        <translation>模板已删除：%1</translation>
    </message>
    <message>
        <source>Import a template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Templates (*.toml)</source>
        <translation>模板文件 (*.toml)</translation>
    </message>
    <message>
        <source>Export the template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <source>Replace the template?</source>
        <translation>替换模板？</translation>
    </message>
    <message>
        <source>You already have a template with this id. Replace it with the imported one?</source>
        <translation>已有编号相同的自建模板。是否用导入的模板替换它？</translation>
    </message>
    <message>
        <source>Delete the template?</source>
        <translation>删除模板？</translation>
    </message>
    <message>
        <source>Delete the template “%1”? Materials made from it keep their text.</source>
        <translation>删除模板“%1”？用它创建的材料内容不受影响。</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source> (my template)</source>
        <translation>（自建）</translation>
    </message>
    <message>
        <source> (draft, to be verified)</source>
        <translation>（草稿，待核实）</translation>
    </message>
    <message>
        <source>{year} annual</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>you name the aspects yourself</source>
        <translation>查摆方面由单位自定</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the library</source>
        <translation>无法打开材料库</translation>
    </message>
    <message>
        <source>Cannot open the material</source>
        <translation>无法打开材料</translation>
    </message>
    <message>
        <source>Cannot import the file</source>
        <translation>无法导入该文件</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <source>Status note</source>
        <translation>进展说明</translation>
    </message>
</context>
</TS>
