// What the load-phase tests share (tst_modelload, tst_coldload, tst_gui_windowload): each
// runs against Ollama's native API and its /v1, on a test server whose models load the way
// Ollama's scheduler loads them (fakellmsched.cpp).
#pragma once

#include "fakellm.h"
#include "testserver.h"

#include <QTest>

namespace Sluice::Test {

// The `v1` column: "native" and "v1" rows.
inline void addApiRows()
{
    QTest::addColumn<bool>("v1");
    QTest::newRow("native") << false;
    QTest::newRow("v1") << true;
}

inline QByteArray chatPathFor(bool v1)
{
    return v1 ? QByteArrayLiteral("/v1/chat/completions") : QByteArrayLiteral("/api/chat");
}

// Installs the persona on a listening `server`: a cold load of loadMs, then silenceMs before
// a chat's first chunk (-1: never a byte).
inline FakeLlm *installColdOllama(TestServer &server, int loadMs, int silenceMs = 0)
{
    FakeLlmOptions options;
    options.loadDelayMs = loadMs;
    options.silenceAfterLoadMs = silenceMs;
    return FakeLlm::install(server, options);
}

} // namespace Sluice::Test
