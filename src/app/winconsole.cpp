#include "app/winconsole.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#include <cstdio>
#include <cstdlib>
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

namespace {

UINT originalOutputCodePage = 0;

void restoreCodePage()
{
    if (originalOutputCodePage != 0)
        SetConsoleOutputCP(originalOutputCodePage);
}

// True when the parent redirected the stream to a file or a pipe: keep it. A console handle
// (FILE_TYPE_CHAR) is not usable before attaching, so it counts as not redirected.
bool isRedirected(DWORD which)
{
    const HANDLE h = GetStdHandle(which);
    if (h == nullptr || h == INVALID_HANDLE_VALUE)
        return false;
    const DWORD type = GetFileType(h);
    return type == FILE_TYPE_DISK || type == FILE_TYPE_PIPE;
}

// Unbuffered: streamed tokens appear as they arrive (the CLI writes whole chunks at a time;
// MSVC's C runtime has no line buffering, _IOLBF means full buffering there).
void reopen(FILE *stream, const char *device, const char *mode)
{
    FILE *ignored = nullptr;
    if (freopen_s(&ignored, device, mode, stream) == 0)
        setvbuf(stream, nullptr, _IONBF, 0);
}

} // namespace

namespace Sluice {

void attachParentConsole()
{
    // Redirections made by the parent (`sluice run > out.txt`, `| findstr`) are inherited as
    // valid handles; only the streams that lead nowhere are pointed at the console.
    // stdin is left alone: cmd.exe does not wait for a GUI-subsystem program and keeps reading
    // the console itself, so the two would fight over every key. A piped prompt still works.
    const bool outRedirected = isRedirected(STD_OUTPUT_HANDLE);
    const bool errRedirected = isRedirected(STD_ERROR_HANDLE);
    if (outRedirected && errRedirected)
        return;
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return; // started from Explorer: no console to write to, and none is wanted

    if (!outRedirected)
        reopen(stdout, "CONOUT$", "w");
    if (!errRedirected)
        reopen(stderr, "CONOUT$", "w");

    originalOutputCodePage = GetConsoleOutputCP();
    if (originalOutputCodePage != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
        std::atexit(restoreCodePage);
    else
        originalOutputCodePage = 0;
}

} // namespace Sluice

#else

namespace Sluice {

void attachParentConsole() {}

} // namespace Sluice

#endif
