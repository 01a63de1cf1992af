; Inno Setup 6.3+ script: a per-user (no admin) installer for the PyInstaller folder.
;   1. On Windows, build the folder:   pyinstaller --noconfirm packaging\duizhao.spec
;   2. Compile:                        iscc packaging\windows\duizhao.iss
;      (or iscc /DDistDir=C:\path\to\dist\duizhao packaging\windows\duizhao.iss)
; ChineseSimplified.isl is one of Inno Setup's contributed translations: if your Inno Setup has
; no Languages\ChineseSimplified.isl, copy it there from the translations on jrsoftware.org.
; The version is read from duizhao.exe's version resource, which the spec writes from
; app.__version__: nothing to bump here.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\duizhao"
#endif
#define RepoDir AddBackslash(SourcePath) + "..\.."
#define AppExe "duizhao.exe"
#ifnexist AddBackslash(DistDir) + AppExe
  #error "No duizhao.exe in DistDir: build the folder with packaging\duizhao.spec first"
#endif
#define AppVersion GetFileProductVersionString(AddBackslash(DistDir) + AppExe)

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{A68314FA-728D-5BE9-92DD-043D1C7B9998}
AppName=对照
AppVersion={#AppVersion}
AppVerName=对照 {#AppVersion}
AppPublisher=Duizhao developers
AppCopyright=GPL-3.0-or-later
; Per-user install under %LOCALAPPDATA%\Programs: no administrator needed.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Duizhao
DefaultGroupName=对照
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile={#RepoDir}\LICENSE
SetupIconFile={#RepoDir}\resources\icons\duizhao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=对照 Duizhao
WizardStyle=modern
ShowLanguageDialog=auto
Compression=lzma2/max
SolidCompression=yes
OutputDir={#RepoDir}\dist
OutputBaseFilename=duizhao-{#AppVersion}-setup
; Version resource of setup.exe itself (Properties → Details)
VersionInfoVersion={#AppVersion}
VersionInfoProductName=对照 Duizhao
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription=对照 安装程序
VersionInfoCopyright=GPL-3.0-or-later
ChangesAssociations=yes
CloseApplications=yes

[Languages]
; Chinese first: it is the default when Windows' UI language is not detected.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\对照"; Filename: "{app}\{#AppExe}"; Comment: "对照检查材料编辑器"
Name: "{autodesktop}\对照"; Filename: "{app}\{#AppExe}"; Comment: "对照检查材料编辑器"; Tasks: desktopicon

[Registry]
; HKA = HKCU\Software\Classes for a per-user install. Windows keys file types by the last
; extension only (".json"), so "*.duizhao.json" cannot get an association of its own: our
; material type is a ProgID offered in "Open with" for .json, without taking .json over.
Root: HKA; Subkey: "Software\Classes\Duizhao.Material"; ValueType: string; ValueName: ""; ValueData: "对照检查材料"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Duizhao.Material\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Duizhao.Material\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "Duizhao.Material"; ValueData: ""; Flags: uninsdeletevalue
; Imports: Word and text drafts get 对照 in "Open with"; their default program is left alone.
Root: HKA; Subkey: "Software\Classes\Duizhao.Import"; ValueType: string; ValueName: ""; ValueData: "导入到对照"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Duizhao.Import\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Duizhao.Import\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "Duizhao.Import"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "Duizhao.Import"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "Duizhao.Import"; ValueData: ""; Flags: uninsdeletevalue
; The application's own entry: its name in "Open with" and the types it can open.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "对照"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,对照}"; Flags: nowait postinstall skipifsilent

; The library (%LOCALAPPDATA%\duizhao\library.db) is the user's work: uninstall leaves it.
