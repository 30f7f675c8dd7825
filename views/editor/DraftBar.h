#pragma once
// DraftBar: the YAML page's drafts (models::DraftStore): the autosave of the edited text per
// (workspace, cluster, object or "new") and the bar that offers a saved draft on opening.
//
// Contract:
//  - open(key) starts a new target: the bar is hidden, a pending save is dropped.
//  - offer(loadedText, isNew): when the store holds a draft for the key whose text differs from
//    the loaded one, the bar shows it ("Restore" / "Discard") until take() or discard(). While a
//    draft is offered, save() writes nothing (the stored draft must not be overwritten by the
//    freshly loaded text before the user chose).
//  - scheduleSave(): saveDue() after a 1 s pause; save(text, baseRV) writes at once.
//  - applied(): the edit reached the server: the key's draft is deleted, the bar hidden.
// Thread: GUI thread.
#include "models/DraftStore.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace acp::views {

class DraftBar : public QWidget {
    Q_OBJECT
public:
    explicit DraftBar(QWidget *parent = nullptr);

    models::DraftStore *store() const { return m_store; }
    const models::DraftKey &key() const { return m_key; }

    void open(const models::DraftKey &key);
    // The same text now belongs to another key (Create from YAML into another cluster); an
    // offered draft stays offered.
    void setKey(const models::DraftKey &key) { m_key = key; }
    bool offer(const QString &loadedText, bool isNew);
    bool isOffering() const { return m_offered.has_value(); }
    // The offered draft (the bar hides); nullopt when none is offered.
    std::optional<models::Draft> take();
    // Deletes the offered draft; the bar hides.
    void discard();
    void applied();

    void scheduleSave() { m_timer.start(); }
    std::optional<api::ApiError> save(const QString &text, const QString &baseResourceVersion);

    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *discardButton() const { return m_discard; }

Q_SIGNALS:
    void saveDue();
    void restoreClicked();

private:
    models::DraftStore *m_store;
    models::DraftKey m_key;
    std::optional<models::Draft> m_offered;
    QTimer m_timer;
    QLabel *m_label;
    QPushButton *m_restore;
    QPushButton *m_discard;
};

} // namespace acp::views
