#pragma once
// NamespaceSecurity: per namespace across clusters, what protects its pods: the console
// templates active there (Kyverno Policies labelled console.alauda.io/pss-template, with their
// validationFailureAction) and the Pod Security Admission labels
// pod-security.kubernetes.io/{enforce,audit,warn}[-version].
//
// A table model (one row per target, sorted by cluster then namespace; columns below).
// load() fetches each namespace (GET) and its Policies (LIST kyverno.io/v1 policies with the
// template label selector) as the fleet's user; rows are replaced in one reset when every
// target answered. A cluster without the Kyverno CRD has no templates (not an error); other
// failures are kept per row (rowError, ErrorRole) and shown in the Templates cell.
// Thread: GUI thread.
#include "api/ApiError.h"
#include "models/PssTargets.h"
#include "models/PssTemplateCatalog.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <optional>

namespace acp::models {

class Fleet;

// The six PSA labels of a namespace ("" = not set).
struct PsaLabels {
    QString enforce, enforceVersion;
    QString audit, auditVersion;
    QString warn, warnVersion;

    static QString prefix() { return QStringLiteral("pod-security.kubernetes.io/"); }
    static PsaLabels fromLabels(const QJsonObject &labels);
    // "restricted:latest" style summary of one mode ("" when the level is unset).
    static QString summary(const QString &level, const QString &version);

    friend bool operator==(const PsaLabels &, const PsaLabels &) = default;
};

struct ActiveTemplate {
    QString templateName;   // the label's value
    QString policyName;
    std::optional<PssMode> mode; // nullopt: validationFailureAction missing or unknown
};

struct NamespaceSecurityRow {
    PssTarget target;
    PsaLabels psa;
    QList<ActiveTemplate> templates;  // by policy name
    std::optional<api::ApiError> error;
};

class NamespaceSecurity : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClusterColumn, NamespaceColumn, TemplatesColumn, ModeColumn, EnforceColumn, AuditColumn, WarnColumn, ColumnCount };
    enum Role { ErrorRole = Qt::UserRole + 1 };

    explicit NamespaceSecurity(Fleet *fleet, QObject *parent = nullptr);

    // Loads the targets (a later call supersedes a running one).
    void load(const QList<PssTarget> &targets);
    bool isLoading() const { return m_pending > 0; }
    QList<NamespaceSecurityRow> rows() const { return m_rows; }
    std::optional<NamespaceSecurityRow> row(const PssTarget &target) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();

private:
    void loadOne(int generation, int index);
    void finishOne(int generation);
    QString cellText(const NamespaceSecurityRow &row, int column) const;

    Fleet *m_fleet;
    QList<NamespaceSecurityRow> m_rows;
    QList<NamespaceSecurityRow> m_loading;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace acp::models
