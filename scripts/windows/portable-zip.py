"""Packs the portable copy of 书香 for Windows (绿色版): one folder 书香 with
the app, the `shuxiang` command, WebView2's loader, an empty 数据 folder (its
presence makes the copy keep its data there, see core/src/home.rs) and a
short guide. Names are stored as UTF-8 (flagged), which Windows 10/11's
Explorer and 7-Zip read as Chinese.

    python3 scripts/windows/portable-zip.py STAGE_DIR OUT.zip VERSION
"""

import sys
import time
import zipfile
from pathlib import Path

GUIDE = """书香 {version} 绿色版（免安装）

用法
  1. 把整个“书香”文件夹解压或拷贝到本机磁盘（如 D:\\书香）或 U 盘上。
  2. 双击“书香.exe”打开。第一次打开时可以先装入演示数据看看。

数据在哪里
  全部数据（数据库、附件、自动备份、日志）都放在本文件夹里的“数据”文件夹中。
  换电脑时把整个“书香”文件夹拷过去即可，不要只拷程序。
  如果删掉“数据”文件夹，书香会改用本机用户文件夹（%APPDATA%\\shuxiang）。

注意
  · 不要把本文件夹放在网络共享或映射的网络驱动器上：多台电脑同时打开会损坏数据，
    书香会拒绝这样使用。局域网共用请在一台电脑上开启“设置 → 局域网共享”。
  · 需要 Windows 10 或 Windows 11，以及 Microsoft Edge WebView2 运行时（Windows 11
    和较新的 Windows 10 已自带）。打不开窗口时，请向信息中心索取 WebView2 离线安装包。
    Windows 7 和 8 无法运行。
  · 命令行工具 shuxiang.exe 与程序共用同一份数据，例如：
      shuxiang.exe check        检查数据是否完好
      shuxiang.exe backup D:\\书香备份.db
"""


def main() -> None:
    stage, out, version = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    top = "书香"
    stamp = time.localtime()[:6]
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo(f"{top}/", stamp), b"")
        for name in ("书香.exe", "shuxiang.exe", "WebView2Loader.dll"):
            z.write(stage / name, f"{top}/{name}")
        z.writestr(zipfile.ZipInfo(f"{top}/数据/", stamp), b"")
        guide = GUIDE.format(version=version).replace("\n", "\r\n")
        info = zipfile.ZipInfo(f"{top}/使用说明.txt", stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        # UTF-8 with a byte-order mark: Notepad on every Windows 10/11 reads it.
        z.writestr(info, "\ufeff".encode() + guide.encode("utf-8"))


if __name__ == "__main__":
    main()
