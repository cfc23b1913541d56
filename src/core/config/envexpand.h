// $VAR and ${VAR} references in api_key and header values.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Sluice {

struct ExpandResult
{
    QString value;
    QString missingVariable; // the first variable that is not set, if any
    bool malformed = false;  // "${" without "}" or "${}"
    bool ok() const { return missingVariable.isEmpty() && !malformed; }
};

// Replaces $NAME and ${NAME} (NAME = letters, digits, '_', not starting with a digit) with
// the variable's value; "$$" is a literal '$' and a '$' followed by anything else stays as it
// is. A variable that is not set (set but empty is fine) makes the result fail.
ExpandResult expandVariables(const QString &text, const QProcessEnvironment &env);

// The names referenced by `text`, in order of appearance.
QStringList referencedVariables(const QString &text);

// True when `text` is exactly one reference, "$NAME" or "${NAME}", and nothing else.
bool isVariableReference(const QString &text);

} // namespace Sluice
