#include "views/editor/DraftBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace acp::views {

DraftBar::DraftBar(QWidget *parent)
    : QWidget(parent), m_store(new models::DraftStore(this)), m_label(new QLabel(this)),
      m_restore(new QPushButton(tr("Restore"), this)), m_discard(new QPushButton(tr("Discard"), this))
{
    setObjectName(QStringLiteral("draftBar"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    pal.setColor(QPalette::WindowText, QColor(0x33, 0x2b, 0x00));
    setPalette(pal);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_restore->setObjectName(QStringLiteral("restoreDraft"));
    m_discard->setObjectName(QStringLiteral("discardDraft"));
    layout->addWidget(m_label, 1);
    layout->addWidget(m_restore);
    layout->addWidget(m_discard);
    connect(m_restore, &QPushButton::clicked, this, &DraftBar::restoreClicked);
    connect(m_discard, &QPushButton::clicked, this, &DraftBar::discard);
    m_timer.setSingleShot(true);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DraftBar::saveDue);
    hide();
}

void DraftBar::open(const models::DraftKey &key)
{
    m_key = key;
    m_offered.reset();
    m_timer.stop();
    hide();
}

bool DraftBar::offer(const QString &loadedText, bool isNew)
{
    std::optional<models::Draft> d = m_store->load(m_key);
    if (!d || QString::fromUtf8(d->text) == loadedText)
        return false;
    m_offered = d;
    m_label->setText(tr("An unsaved edit of this %1 from %2 exists.")
                         .arg(isNew ? tr("new text") : tr("object"),
                              QLocale().toString(d->savedAt.toLocalTime(), QLocale::ShortFormat)));
    show();
    return true;
}

std::optional<models::Draft> DraftBar::take()
{
    std::optional<models::Draft> d = std::move(m_offered);
    m_offered.reset();
    hide();
    return d;
}

void DraftBar::discard()
{
    if (m_offered)
        m_store->discard(m_offered->key);
    m_offered.reset();
    hide();
}

void DraftBar::applied()
{
    m_timer.stop();
    m_store->discard(m_key);
    m_offered.reset();
    hide();
}

std::optional<api::ApiError> DraftBar::save(const QString &text, const QString &baseResourceVersion)
{
    m_timer.stop();
    if (m_offered)
        return std::nullopt;   // an offered draft was neither restored nor discarded yet
    return m_store->save(models::Draft{m_key, text.toUtf8(), baseResourceVersion, {}});
}

} // namespace acp::views
