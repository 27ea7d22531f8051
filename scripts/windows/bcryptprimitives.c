/* A stand-in for Windows' bcryptprimitives.dll, for the Wine test prefix
 * only. Rust's standard library (1.78+) asks it for random bytes
 * (ProcessPrng); Windows 10 and 11 have it, Debian 12's Wine 8 does not.
 * scripts/wine-test builds this into the prefix's system32; nothing of it
 * ships. The bytes come from RtlGenRandom (advapi32's SystemFunction036),
 * the same source Windows' own ProcessPrng draws on. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
