#pragma once
// TurnBatches: runs a function over a list of names a batch per event-loop turn, so work that is
// cheap once but costly two hundred times (creating ClusterConnections: a KubeClient and its
// discovery, ~1 ms each) never holds the GUI thread in one turn. start() again, or cancel(), ends
// the previous run: its remaining batches are dropped. Owned by (and runs on the thread of) a
// QObject; nothing runs after the owner is gone.
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

namespace acp::models {

class TurnBatches {
public:
    static constexpr int kDefaultBatch = 12;
    explicit TurnBatches(QObject *owner, int batch = kDefaultBatch) : m_owner(owner), m_batch(batch) {}

    // The first batch runs now; `afterBatch` (optional) after each batch.
    void start(QStringList items, std::function<void(const QString &)> each, std::function<void()> afterBatch = {});
    void cancel() { ++m_generation; }

private:
    struct Run;
    void runBatch(std::shared_ptr<Run> run, int from);

    QObject *m_owner;
    int m_batch;
    quint64 m_generation = 0;
};

} // namespace acp::models
