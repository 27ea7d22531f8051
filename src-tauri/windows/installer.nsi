; The Windows installer of 书香: Simplified Chinese, installed for the
; current user without administrator rights (%LOCALAPPDATA%\Programs\书香),
; the app and the `shuxiang` command side by side, a Start-menu entry and an
; uninstaller that leaves the data folder (%APPDATA%\shuxiang, or wherever
; the librarian moved it) alone.
;
; Built by scripts/package-windows, which gives (makensis -D…):
;   VERSION      1.2.3
;   STAGE        folder holding 书香.exe, shuxiang.exe, WebView2Loader.dll
;   ICON         the app's .ico
;   OUT_FILE     the installer to write
;   WEBVIEW2     (optional) Microsoft's standalone WebView2 runtime installer,
;                run silently when the PC has no WebView2 runtime
; The file is UTF-8: makensis -INPUTCHARSET UTF8.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh

!define APP "书香"
!define APP_KEY "Software\Shuxiang"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Shuxiang"
; The WebView2 runtime's client id in EdgeUpdate (Microsoft's documented check).
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "书香 Shuxiang"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将为当前用户安装${APP} ${VERSION}（机关阅览室与读书、培训活动管理）。$\r$\n$\r$\n不需要管理员权限，也不需要联网。已有的数据不会被改动。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP|MB_OK "${APP}需要 Windows 10 或 Windows 11。$\r$\n$\r$\nWindows 7 和 8 无法运行${APP}：它显示窗口所用的 WebView2 和 Tauri 2 都只支持 Windows 10 及以上。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; The WebView2 runtime's version in $0, or "" when it is not installed:
; per machine (either registry view) or for this user.
Function WebView2Version
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

; Windows 11 and current Windows 10 have the runtime. When it is missing, the
; offline installer given at build time is run silently; without one, the
; librarian is told what office IT should install. The version found (or
; 缺少) is kept in the registry for IT to read.
Function EnsureWebView2
  Call WebView2Version
  ${If} $0 != ""
    DetailPrint "已有 WebView2 运行时 $0"
    WriteRegStr HKCU "${APP_KEY}" "WebView2" "$0"
    Return
  ${EndIf}
!ifdef WEBVIEW2
  DetailPrint "正在安装 WebView2 运行时（随安装包附带的离线安装程序），请稍候…"
  InitPluginsDir
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstallerX64.exe" "${WEBVIEW2}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstallerX64.exe" /silent /install' $1
  Delete "$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstallerX64.exe"
  Call WebView2Version
  ${If} $0 != ""
    DetailPrint "WebView2 运行时已安装：$0"
    WriteRegStr HKCU "${APP_KEY}" "WebView2" "$0"
    Return
  ${EndIf}
  DetailPrint "WebView2 运行时没有装上（安装程序返回 $1）"
!endif
  WriteRegStr HKCU "${APP_KEY}" "WebView2" "缺少"
  DetailPrint "这台电脑缺少 WebView2 运行时"
  MessageBox MB_ICONEXCLAMATION|MB_OK "这台电脑还没有 Microsoft Edge WebView2 运行时，${APP}要有它才能打开窗口。$\r$\n$\r$\n请向单位信息中心索取“WebView2 运行时离线安装包”（MicrosoftEdgeWebView2RuntimeInstallerX64.exe）。信息中心可在能上网的电脑上，从微软网站 developer.microsoft.com/microsoft-edge/webview2 下载“常青版独立安装程序（x64）”，拷到这台电脑上双击安装。装好后再打开${APP}即可。$\r$\n$\r$\n${APP}本身已经安装好；数据和 shuxiang 命令现在就能用。" /SD IDOK
FunctionEnd

Section "${APP}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\${APP}.exe"
  File "${STAGE}\shuxiang.exe"
  File "${STAGE}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0 SW_SHOWNORMAL "" "机关阅览室与读书、培训活动管理"
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\${APP}.exe"

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  ; 设置 → 应用 → 已安装的应用 (per user).
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "书香"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

  Call EnsureWebView2
SectionEnd

; The data folder is not touched: it holds the reading room's records.
Section "Uninstall"
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\shuxiang.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  DetailPrint "数据文件夹保留未动（默认在 %APPDATA%\shuxiang）。"
SectionEnd
