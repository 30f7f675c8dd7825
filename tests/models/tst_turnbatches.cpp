// models::TurnBatches: a batch per event-loop turn, afterBatch after each, a new start() or
// cancel() drops the remaining batches, nothing runs once the owner is gone.
#include "models/TurnBatches.h"

#include <QCoreApplication>
#include <QTest>

using acp::models::TurnBatches;

class TestTurnBatches : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneBatchPerTurn();
    void restartDropsTheOldRun();
    void cancelAndOwnerGone();
};

static QStringList names(int n, const QString &prefix = QStringLiteral("c"))
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << prefix + QString::number(i);
    return out;
}

void TestTurnBatches::oneBatchPerTurn()
{
    QObject owner;
    TurnBatches batches(&owner, 12);
    QStringList seen;
    int after = 0;
    batches.start(names(30), [&](const QString &s) { seen << s; }, [&] { ++after; });
    QCOMPARE(seen.size(), 12);   // the first batch runs at once
    QCOMPARE(after, 1);
    QTRY_COMPARE(seen.size(), 30);   // the rest in later turns, in batches of 12
    QCOMPARE(seen, names(30));
    QCOMPARE(after, 3);
}

void TestTurnBatches::restartDropsTheOldRun()
{
    QObject owner;
    TurnBatches batches(&owner, 2);
    QStringList seen;
    batches.start(names(10, QStringLiteral("old")), [&](const QString &s) { seen << s; });
    batches.start(names(3, QStringLiteral("new")), [&](const QString &s) { seen << s; });
    QTest::qWait(50);
    QCOMPARE(seen, (QStringList{QStringLiteral("old0"), QStringLiteral("old1"), QStringLiteral("new0"), QStringLiteral("new1"),
                                QStringLiteral("new2")}));
}

void TestTurnBatches::cancelAndOwnerGone()
{
    QStringList seen;
    {
        QObject owner;
        TurnBatches batches(&owner, 1);
        batches.start(names(5), [&](const QString &s) { seen << s; });
        batches.cancel();
        QTest::qWait(20);
        QCOMPARE(seen, QStringList{QStringLiteral("c0")});
        batches.start(names(5), [&](const QString &s) { seen << s; });
    }   // owner and batches gone with batches pending
    QTest::qWait(20);
    QCOMPARE(seen, (QStringList{QStringLiteral("c0"), QStringLiteral("c0")}));
}

QTEST_GUILESS_MAIN(TestTurnBatches)
#include "tst_turnbatches.moc"
