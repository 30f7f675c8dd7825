#include "models/TurnBatches.h"

#include <QTimer>
#include <memory>

namespace acp::models {

struct TurnBatches::Run {
    QStringList items;
    std::function<void(const QString &)> each;
    std::function<void()> afterBatch;
    quint64 generation = 0;
};

void TurnBatches::start(QStringList items, std::function<void(const QString &)> each, std::function<void()> afterBatch)
{
    auto run = std::make_shared<Run>(Run{std::move(items), std::move(each), std::move(afterBatch), ++m_generation});
    runBatch(std::move(run), 0);
}

void TurnBatches::runBatch(std::shared_ptr<Run> run, int from)
{
    if (run->generation != m_generation)
        return;
    const int to = qMin(int(run->items.size()), from + m_batch);
    for (int i = from; i < to; ++i)
        run->each(run->items.at(i));
    if (run->afterBatch)
        run->afterBatch();
    if (to < run->items.size())
        QTimer::singleShot(0, m_owner, [this, run, to] { runBatch(run, to); });
}

} // namespace acp::models
