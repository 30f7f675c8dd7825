#pragma once
// ProjectQuotaBatch: sets the same quota values on many clusters of one project in one action,
// with a result per cluster. The quota of every cluster lives in the one Project object
// (spec.clusters[].quota), so each cluster is its own JSON patch (RFC 6902) of that object:
//   cluster in the project:  test /spec/clusters/<i>/name == <cluster>, then add
//                            /spec/clusters/<i>/quota/<key> for each value (other keys kept)
//   cluster not yet in it:   add /spec/clusters/- {name, quota}
// Patches touch only their own cluster's entry, so they neither overwrite each other nor a
// concurrent edit of another cluster; a moved entry fails the test op and is reported, not
// written elsewhere. Up to 4 patches run at once; a failure does not stop the others.
// The model: one row per cluster (in the order given); columns Cluster, Result ("Pending",
// "Running", "OK" or the server's message); StateRole (ObjectStatus::State: Pending,
// Progressing, Ok, Error). Writes go to PATCH <platform>/kubernetes/global/apis/auth.alauda.io/v1/
// projects/<name>. Qt Core only; GUI thread.
#include "api/KubeClient.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace acp::models {

class ProjectQuotaBatch : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Status { Pending, Running, Succeeded, Failed };
    enum Column { ClusterColumn, ResultColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1, StatusRole };

    explicit ProjectQuotaBatch(api::KubeClient platformClient, QObject *parent = nullptr);

    // Starts a batch: `project` is the Project as last read (for the clusters' positions).
    // Returns false (nothing started) while a batch runs or when there is nothing to do.
    bool start(const QJsonObject &project, const QStringList &clusters, const QMap<QString, QString> &quota);
    bool isRunning() const { return m_running > 0 || m_next < m_items.size(); }

    Status status(const QString &cluster) const;
    QString message(const QString &cluster) const;   // "" while pending; the server's error on failure
    int succeeded() const;
    int failed() const;

    // The JSON patch for one cluster (exposed for tests).
    static QByteArray patchFor(const QJsonObject &project, const QString &cluster, const QMap<QString, QString> &quota);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void finished(int succeeded, int failed);

private:
    struct Item {
        QString cluster;
        QByteArray patch;
        Status status = Pending;
        QString message;
    };
    void pump();
    void done(int row, Status status, const QString &message);

    api::KubeClient m_client;
    QString m_project;
    QVector<Item> m_items;
    int m_next = 0;
    int m_running = 0;
    static constexpr int kParallel = 4;
};

} // namespace acp::models
