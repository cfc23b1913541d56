#include "core/config/envexpand.h"

namespace Sluice {

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}

// Walks `text`, calling onText for literal runs and onVariable for each reference.
template <typename TextFn, typename VarFn>
bool scan(const QString &text, TextFn onText, VarFn onVariable)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text.at(i);
        if (c != u'$' || i + 1 >= n) {
            onText(c);
            ++i;
            continue;
        }
        const QChar next = text.at(i + 1);
        if (next == u'$') {
            onText(u'$');
            i += 2;
        } else if (next == u'{') {
            const qsizetype close = text.indexOf(u'}', i + 2);
            if (close < 0)
                return false;
            const QString name = text.mid(i + 2, close - i - 2);
            if (name.isEmpty() || !isNameStart(name.front()))
                return false;
            for (QChar ch : name) {
                if (!isNameChar(ch))
                    return false;
            }
            onVariable(name);
            i = close + 1;
        } else if (isNameStart(next)) {
            qsizetype end = i + 1;
            while (end < n && isNameChar(text.at(end)))
                ++end;
            onVariable(text.mid(i + 1, end - i - 1));
            i = end;
        } else {
            onText(c);
            ++i;
        }
    }
    return true;
}

} // namespace

ExpandResult expandVariables(const QString &text, const QProcessEnvironment &env)
{
    ExpandResult result;
    const bool wellFormed = scan(
        text, [&](QChar c) { result.value.append(c); },
        [&](const QString &name) {
            if (!env.contains(name)) {
                if (result.missingVariable.isEmpty())
                    result.missingVariable = name;
                return;
            }
            result.value.append(env.value(name));
        });
    result.malformed = !wellFormed;
    if (!result.ok())
        result.value.clear(); // never hand out a half-expanded secret
    return result;
}

QStringList referencedVariables(const QString &text)
{
    QStringList names;
    scan(
        text, [](QChar) {}, [&](const QString &name) { names.append(name); });
    return names;
}

bool isVariableReference(const QString &text)
{
    const QStringList names = referencedVariables(text);
    return names.size() == 1 &&
           (text == u'$' + names.first() || text == u"${" + names.first() + u'}');
}

} // namespace Sluice
