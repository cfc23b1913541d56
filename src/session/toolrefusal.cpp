#include "session/toolrefusal.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Sluice {

bool isToolRefusal(const ChatError &error)
{
    // 400; llama-server (before mid-2025) says "Cannot use tools with stream" with a 500.
    if (error.kind != ChatError::Kind::Http || (error.httpStatus != 400 && error.httpStatus != 500))
        return false;
    static const QRegularExpression refusal(
        QStringLiteral("does not support tools|tools param requires|cannot use tools with "
                       "stream|tool choice requires|tools? (are|is) not supported"),
        QRegularExpression::CaseInsensitiveOption);
    return refusal.match(error.message).hasMatch();
}

std::optional<QString> toolRefusalSentence(const ChatError &error, const QString &model,
                                           bool retryWithout)
{
    if (!isToolRefusal(error))
        return std::nullopt;
    QString detail = error.message.trimmed();
    while (detail.endsWith(u'.'))
        detail.chop(1);
    if (retryWithout)
        return QCoreApplication::translate(
                   "Sluice::ToolRefusal",
                   "%1 does not support tools here (%2). Your message is kept: Retry sends it "
                   "without tools, or choose a model that supports tools.")
            .arg(model, detail);
    return QCoreApplication::translate(
               "Sluice::ToolRefusal",
               "%1 does not support tools here (%2); run again without --tools, or choose a "
               "model that supports tools")
        .arg(model, detail);
}

} // namespace Sluice
