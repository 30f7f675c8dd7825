#pragma once
// YamlValidationService: the YAML editor's schema checks, off the GUI thread.
//
// Contract:
//  - setText(text, revision): parsing (api::YamlPositions) and validation (SchemaValidator) run
//    on the global QThreadPool, one job at a time; setText never blocks. While a job runs,
//    newer texts replace each other and only the latest is validated next ("latest wins").
//    diagnosticsReady(revision, list) is emitted only for the latest revision; results of older
//    revisions are dropped.
//  - Schemas: the group-versions the documents name (apiVersion) are fetched through the
//    connection's OpenApiCache (the cluster's /openapi/v3, CRD group-versions included) and added
//    to the service's SchemaIndex on the pool; the text is validated again when they land. While a
//    needed group-version is being fetched no diagnostics are emitted for that text (so no false
//    "no schema" notes flash); a group-version the cluster does not serve (or a failed fetch)
//    yields the validator's Info "no schema for ..." for its documents. Without a connection only
//    the schemas given with addOpenApiDocument()/addCustomResourceDefinition() are used.
//  - setText() may come before the editor has the text (validation starts while the document
//    loads; acp-bench editor-open --early measures it): setRevision() then relabels the latest
//    text with the revision the editor gave it; a job already running for it reports under the
//    new revision.
//  - Schemas are fetched early: each job first scans the text's top-level apiVersion lines and
//    starts fetching their group-versions before it parses.
//  - Each job reuses the parsed documents of the previous job whose text did not change
//    (api::YamlPositions::build(text, previous)): an edit re-parses only the edited document.
//  - completions()/documentation(): YamlAssist over the latest text; they reuse the last job's
//    position map when it is for the latest revision, else parse the latest text on the calling
//    thread (cost linear in the text).
// Thread: GUI thread (all methods and signals). The connection must outlive the service or be
// reset with setConnection(nullptr).
#include "models/SchemaIndex.h"
#include "models/YamlDiagnostic.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

namespace acp::api {
class YamlPositions;
}

namespace acp::models {

class ClusterConnection;

class YamlValidationService : public QObject {
    Q_OBJECT
public:
    explicit YamlValidationService(QObject *parent = nullptr);
    ~YamlValidationService() override;

    void setConnection(ClusterConnection *connection);
    ClusterConnection *connection() const { return m_connection; }

    // Schemas given directly (offline use, tests). Revalidates the latest text.
    api::Result<int> addOpenApiDocument(const QByteArray &json);
    api::Result<int> addCustomResourceDefinition(const QJsonObject &crd);

    void setText(const QString &text, int revision);
    // The latest text (unchanged) is now `revision`.
    void setRevision(int revision);
    int revision() const { return m_revision; }
    bool isBusy() const { return m_running || !m_fetching.isEmpty(); }

    QList<YamlCompletion> completions(int line, int column) const;
    std::optional<YamlCompletion> documentation(int line, int column) const;

Q_SIGNALS:
    void diagnosticsReady(int revision, const QList<acp::models::YamlDiagnostic> &diagnostics);

private:
    struct JobResult;
    void schedule();
    void onJobDone(const std::shared_ptr<JobResult> &result);
    void fetch(const QString &groupVersion);
    void prefetch(const QStringList &groupVersions);
    void onDocument(const QString &groupVersion, const api::Result<QByteArray> &document);
    std::shared_ptr<const api::YamlPositions> positionsForLatest() const;

    QPointer<ClusterConnection> m_connection;
    std::shared_ptr<const SchemaIndex> m_index;
    QString m_text;
    int m_revision = -1;
    quint64 m_serial = 0;                  // setText() count: which text a job is for
    bool m_running = false;
    bool m_dirty = false;                  // the latest text still needs a job
    QSet<QString> m_fetching;              // group-versions being fetched
    QSet<QString> m_known;                 // group-versions fetched (or failed): never fetched again
    std::shared_ptr<const api::YamlPositions> m_positions;   // of m_positionsSerial
    quint64 m_positionsSerial = 0;
    std::shared_ptr<const api::YamlPositions> m_lastPositions;   // of the last job: its documents are reused
    quint64 m_connectionGeneration = 0;
};

} // namespace acp::models
