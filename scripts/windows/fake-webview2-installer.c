/* A stand-in for Microsoft's MicrosoftEdgeWebView2RuntimeInstallerX64.exe,
 * for scripts/smoke-windows only (the real one cannot be downloaded here):
 * it records the arguments it was given in C:\webview2-installer-args.txt
 * and registers a runtime version for the current user where the real
 * runtime's per-user install does, so the installer's check finds it. */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    FILE *f = _wfopen(L"C:\\webview2-installer-args.txt", L"w");
    if (!f)
        return 1;
    for (int i = 1; i < argc; i++)
        fwprintf(f, L"%ls%ls", i > 1 ? L" " : L"", argv[i]);
    fclose(f);
    const wchar_t *key =
        L"Software\\Microsoft\\EdgeUpdate\\Clients\\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}";
    const wchar_t *version = L"120.0.2210.91";
    LSTATUS s = RegSetKeyValueW(HKEY_CURRENT_USER, key, L"pv", REG_SZ, version,
                                (DWORD)((wcslen(version) + 1) * sizeof(wchar_t)));
    return s == ERROR_SUCCESS ? 0 : 2;
}
