#include "models/YamlValidationService.h"

#include "api/YamlPositions.h"
#include "models/ClusterConnection.h"
#include "models/SchemaValidator.h"
#include "models/YamlAssist.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace acp::models {
namespace {

// Runs `work` on the global QThreadPool and `done(result)` on the GUI thread, only while
// `receiver` lives (checked there through a QPointer created on the GUI thread).
template <typename Work, typename Done>
void runOffThread(QObject *receiver, Work work, Done done)
{
    QPointer<QObject> guard(receiver);
    QThreadPool::globalInstance()->start([guard, work = std::move(work), done = std::move(done)]() mutable {
        auto result = work();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, result = std::move(result), done = std::move(done)]() mutable {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

// The group-versions of the text's top-level "apiVersion: x" lines (a cheap scan, no parse).
QStringList apiVersionsIn(const QString &text)
{
    QStringList out;
    static const QLatin1String key("apiVersion:");
    for (qsizetype at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.size())) {
        if (at > 0 && text.at(at - 1) != QLatin1Char('\n'))
            continue;
        qsizetype end = text.indexOf(QLatin1Char('\n'), at);
        if (end < 0)
            end = text.size();
        QString value = text.mid(at + key.size(), end - at - key.size());
        const qsizetype hash = value.indexOf(QLatin1String(" #"));
        if (hash >= 0)
            value.truncate(hash);
        value = value.trimmed();
        if (value.size() > 1 && (value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\'')))
            && value.endsWith(value.at(0)))
            value = value.mid(1, value.size() - 2);
        if (!value.isEmpty() && !value.contains(QLatin1Char(' ')) && !out.contains(value))
            out.append(value);
    }
    return out;
}

} // namespace

struct YamlValidationService::JobResult {
    quint64 serial = 0;
    std::shared_ptr<const api::YamlPositions> positions;
    QList<YamlDiagnostic> diagnostics;
    QStringList groupVersions;
};

YamlValidationService::YamlValidationService(QObject *parent)
    : QObject(parent), m_index(std::make_shared<SchemaIndex>())
{
}

YamlValidationService::~YamlValidationService() = default;

void YamlValidationService::setConnection(ClusterConnection *connection)
{
    if (connection == m_connection)
        return;
    m_connection = connection;
    ++m_connectionGeneration;
    m_index = std::make_shared<SchemaIndex>();
    m_fetching.clear();
    m_known.clear();
    m_dirty = true;
    schedule();
}

api::Result<int> YamlValidationService::addOpenApiDocument(const QByteArray &json)
{
    auto next = std::make_shared<SchemaIndex>(*m_index);
    const api::Result<int> r = next->addOpenApiDocument(json);
    if (r) {
        m_index = next;
        m_dirty = true;
        schedule();
    }
    return r;
}

api::Result<int> YamlValidationService::addCustomResourceDefinition(const QJsonObject &crd)
{
    auto next = std::make_shared<SchemaIndex>(*m_index);
    const api::Result<int> r = next->addCustomResourceDefinition(crd);
    if (r) {
        m_index = next;
        m_dirty = true;
        schedule();
    }
    return r;
}

void YamlValidationService::setText(const QString &text, int revision)
{
    m_text = text;
    m_revision = revision;
    ++m_serial;
    m_dirty = true;
    schedule();
}

void YamlValidationService::setRevision(int revision)
{
    m_revision = revision;
}

void YamlValidationService::schedule()
{
    if (m_running || !m_dirty || m_revision < 0)
        return;
    m_running = true;
    m_dirty = false;
    const QString text = m_text;
    const quint64 serial = m_serial;
    const std::shared_ptr<const SchemaIndex> index = m_index;
    const std::shared_ptr<const api::YamlPositions> previous = m_lastPositions;
    QPointer<YamlValidationService> self(this);
    runOffThread(
        this,
        [text, serial, index, previous, self] {
            // The schemas the text names start loading while it is parsed.
            const QStringList named = apiVersionsIn(text);
            QMetaObject::invokeMethod(QCoreApplication::instance(), [self, named] {
                if (self)
                    self->prefetch(named);
            }, Qt::QueuedConnection);
            auto r = std::make_shared<JobResult>();
            r->serial = serial;
            // Unchanged documents of a multi-document text are not parsed again.
            auto positions = std::make_shared<api::YamlPositions>(api::YamlPositions::build(text, previous.get()));
            r->diagnostics = SchemaValidator(*index).validate(*positions);
            r->groupVersions = SchemaValidator::groupVersions(*positions);
            r->positions = std::move(positions);
            return r;
        },
        [this](const std::shared_ptr<JobResult> &r) { onJobDone(r); });
}

void YamlValidationService::onJobDone(const std::shared_ptr<JobResult> &r)
{
    m_running = false;
    m_lastPositions = r->positions;
    if (r->serial == m_serial) {
        m_positions = r->positions;
        m_positionsSerial = r->serial;
    }
    if (r->serial != m_serial || m_dirty) {
        schedule();   // stale: validate the latest text instead
        return;
    }
    if (m_connection)
        prefetch(r->groupVersions);
    bool waiting = false;
    for (const QString &gv : std::as_const(r->groupVersions))
        waiting = waiting || m_fetching.contains(gv);
    if (!waiting)
        Q_EMIT diagnosticsReady(m_revision, r->diagnostics);
}

void YamlValidationService::prefetch(const QStringList &groupVersions)
{
    if (!m_connection)
        return;
    for (const QString &gv : groupVersions)
        if (!m_known.contains(gv) && !m_fetching.contains(gv))
            fetch(gv);
}

void YamlValidationService::fetch(const QString &groupVersion)
{
    m_fetching.insert(groupVersion);
    const quint64 generation = m_connectionGeneration;
    m_connection->openApi()->document(groupVersion, this,
                                      [this, groupVersion, generation](const api::Result<QByteArray> &doc) {
                                          if (generation == m_connectionGeneration)
                                              onDocument(groupVersion, doc);
                                      });
}

void YamlValidationService::onDocument(const QString &groupVersion, const api::Result<QByteArray> &document)
{
    if (!document) {
        m_fetching.remove(groupVersion);
        m_known.insert(groupVersion);
        m_dirty = true;
        schedule();
        return;
    }
    const QByteArray bytes = document.value();
    const quint64 generation = m_connectionGeneration;
    // JSON parsing (MBs) on the pool; the index is extended here, so additions never race.
    runOffThread(
        this, [bytes] { return std::make_shared<QJsonDocument>(QJsonDocument::fromJson(bytes)); },
        [this, groupVersion, generation](const std::shared_ptr<QJsonDocument> &parsed) {
            if (generation != m_connectionGeneration)
                return;
            auto next = std::make_shared<SchemaIndex>(*m_index);
            next->addOpenApiDocument(parsed->object());
            m_index = next;
            m_fetching.remove(groupVersion);
            m_known.insert(groupVersion);
            m_dirty = true;
            schedule();
        });
}

std::shared_ptr<const api::YamlPositions> YamlValidationService::positionsForLatest() const
{
    if (m_positions && m_positionsSerial == m_serial)
        return m_positions;
    return std::make_shared<api::YamlPositions>(api::YamlPositions::build(m_text));
}

QList<YamlCompletion> YamlValidationService::completions(int line, int column) const
{
    const std::shared_ptr<const SchemaIndex> index = m_index;
    return YamlAssist(*index).completions(*positionsForLatest(), line, column);
}

std::optional<YamlCompletion> YamlValidationService::documentation(int line, int column) const
{
    const std::shared_ptr<const SchemaIndex> index = m_index;
    return YamlAssist(*index).documentation(*positionsForLatest(), line, column);
}

} // namespace acp::models
