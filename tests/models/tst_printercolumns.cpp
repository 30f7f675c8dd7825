#include <QtTest>
class TestPrinterColumns : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestPrinterColumns)
#include "tst_printercolumns.moc"
