// The message actions the conversation view adds to the built-in ones (messageactions.h):
// the versions of a message ("‹ 2 / 3 ›", #19), "Branch from Here", and its images (#20).
#include "gui/conversation/viewactions.h"

#include "core/conversation/attachment.h"
#include "gui/attachments/documentactions.h"
#include "gui/attachments/imageviewer.h"
#include "gui/conversation/conversationview.h"
#include "gui/conversation/versionswitcher.h"
#include "session/chatmodel.h"

namespace Sluice {

void addViewActions(ConversationView *view, MessageActions *actions)
{
    // "‹ 2 / 3 ›" from the menu and the keyboard (Alt+Left/Right), and "Branch from Here".
    actions->addProvider([view](const QModelIndex &index, QList<MessageAction> &out) {
        const int row = index.row();
        const QPoint versions = index.data(ChatModel::VersionsRole).toPoint();
        if (versions.y() > 1) {
            MessageAction where = MessageAction::make(
                QStringLiteral("version"), VersionSwitcher::accessibleName(versions.x(), versions.y()),
                [] {});
            where.enabled = false;
            out.append(where);
            MessageAction previous = MessageAction::make(
                QStringLiteral("previousVersion"), VersionSwitcher::previousName(),
                [view, row] { Q_EMIT view->versionRequested(row, -1); }, MessageHit::PreviousVersion,
                QStringLiteral("previousVersionAction"));
            previous.enabled = versions.x() > 1;
            out.append(previous);
            MessageAction next = MessageAction::make(
                QStringLiteral("nextVersion"), VersionSwitcher::nextName(),
                [view, row] { Q_EMIT view->versionRequested(row, 1); }, MessageHit::NextVersion,
                QStringLiteral("nextVersionAction"));
            next.enabled = versions.x() < versions.y();
            out.append(next);
        }
        out.append(MessageAction::make(QStringLiteral("branchFromHere"), ConversationView::tr("Branch from Here"),
                                       [view, row] { Q_EMIT view->branchRequested(row); },
                                       MessageHit::None, QStringLiteral("branchFromHereAction")));
    });
    // "Open photo.png" for a message's images ("Open notes.py", "Save notes.py As…" for its
    // documents); a reply's also opens those of its question.
    actions->addProvider([view](const QModelIndex &index, QList<MessageAction> &out) {
        const int row = index.row();
        const bool user = index.data(ChatModel::RoleRole).toString() == u"user";
        for (int r = user ? row : row - 1; r <= row && r >= 0; ++r) {
            const QList<Attachment> attachments =
                view->model()->index(r, 0).data(ChatModel::AttachmentsRole).value<QList<Attachment>>();
            addImageActions(out, r, attachments,
                            [view](int at, int image) { Q_EMIT view->imageRequested(at, image); });
            DocumentActions::addActions(
                out, r, attachments, [view](int at, int i) { Q_EMIT view->imageRequested(at, i); },
                [view](int at, int i) { Q_EMIT view->documentSaveRequested(at, i); });
        }
    });
}

} // namespace Sluice
