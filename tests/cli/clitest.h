// What the command-line tests of `sluice run` (tst_cli) and of `models`, `doctor` and
// `config` (tst_clisetup) share.
#pragma once

#include "fakellm.h"
#include "sluicerun.h"
#include "testserver.h"

namespace Sluice::Test {

using Run = SluiceRun;

// With this on stdin, and this environment.
inline Run sluice(const QStringList &args, const QByteArray &stdinData,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    SluiceOptions options;
    options.stdinData = stdinData;
    options.env = env;
    return Sluice::Test::sluice(args, options);
}

inline QString reply()
{
    return QString::fromUtf8(FakeLlmOptions::defaultReply());
}

inline QStringList base(const TestServer &s, const QString &type)
{
    const QString url = type == u"openai" ? s.url(u"/v1").toString() : s.url().toString();
    return {QStringLiteral("run"), QStringLiteral("--base-url"), url, QStringLiteral("--type"),
            type, QStringLiteral("--model"), QStringLiteral("llama3.2:3b"),
            QStringLiteral("--retries"), QStringLiteral("0")};
}

} // namespace Sluice::Test
