// Named presets: a system prompt, a model (and its server) and every sampling parameter,
// applied to a conversation at once. They live in sluice.json under "presets" (a list, in the
// user's order) with "default.preset" naming the one new chats start from; a file of presets
// exported from one Sluice imports into another.
#pragma once

#include "core/chat/chattypes.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sluice {

struct Conversation;

struct Preset
{
    QString name; // unique, case-insensitively; shown in menus
    QString systemPrompt;
    QString providerId; // empty: the conversation's server stays
    QString model;      // empty: the conversation's model stays
    ChatOptions options;

    friend bool operator==(const Preset &a, const Preset &b)
    {
        return a.name == b.name && a.systemPrompt == b.systemPrompt &&
               a.providerId == b.providerId && a.model == b.model && a.options == b.options;
    }
    friend bool operator!=(const Preset &a, const Preset &b) { return !(a == b); }
};

// One preset as sluice.json and the export file write it:
// {"name", "system_prompt", "provider", "model", "parameters": {"temperature", "top_p",
//  "top_k", "min_p", "repeat_penalty", "frequency_penalty", "presence_penalty", "seed",
//  "stop", "max_tokens", "num_ctx", "keep_alive", "think"}}; unset values are left out.
QJsonObject presetToJson(const Preset &preset);
QJsonArray presetsToJson(const QList<Preset> &presets);

// Reads the list at `path` ("presets"). False with the field and what is wrong with it
// ("presets[2].parameters.top_p", "must be a number from 0 to 1") when it is not valid.
// Absent or null: no presets.
bool presetsFromJson(const QJsonValue &value, const QString &path, QList<Preset> *out,
                     QString *field, QString *problem);

// The export file: {"sluice_presets": 1, "presets": [ … ]}.
QByteArray presetsExportBytes(const QList<Preset> &presets);
// False with one sentence in *error for a file that is not one (nothing is half-read).
bool presetsFromExportBytes(const QByteArray &bytes, QList<Preset> *out, QString *error);

// The preset named `name` (case-insensitively), or nullptr.
const Preset *findPreset(const QList<Preset> &presets, const QString &name);

// `base` asking for what `preset` says: its system prompt and all its parameters (unset ones
// are unset after it), and its model and server where it names them.
Conversation applyPreset(const Conversation &base, const Preset &preset);

} // namespace Sluice
