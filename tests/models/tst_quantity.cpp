// Unit tests for acp::models::Quantity (k8s.io/apimachinery/pkg/api/resource semantics).
#include "models/Quantity.h"

#include <QJsonValue>
#include <QtTest>

using acp::models::Quantity;

namespace {

const QString kFormatError = QStringLiteral(
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
const QString kSuffixError = QStringLiteral("unable to parse quantity's suffix");

Quantity q(const char *text)
{
    const auto r = Quantity::parse(QString::fromLatin1(text));
    if (!r.ok())
        qFatal("cannot parse '%s': %s", text, qPrintable(r.error().message));
    return r.value();
}

} // namespace

class TestQuantity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void scaledValues_data();
    void scaledValues();
    void arithmetic_data();
    void arithmetic();
    void compare_data();
    void compare();
    void formatRules();
    void constructors();
    void fromJson();
    void sumsWithoutDrift();
    void saturation();
};

void TestQuantity::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("string");    // Quantity.String()
    QTest::addColumn<QString>("canonical"); // canonical form
    QTest::addColumn<qint64>("milli");

    QTest::newRow("zero") << "0" << "0" << "0" << qint64(0);
    QTest::newRow("milli") << "100m" << "100m" << "100m" << qint64(100);
    QTest::newRow("1500m stays") << "1500m" << "1500m" << "1500m" << qint64(1500);
    QTest::newRow("1.5") << "1.5" << "1500m" << "1500m" << qint64(1500);
    QTest::newRow("0.1") << "0.1" << "100m" << "100m" << qint64(100);
    QTest::newRow(".5") << ".5" << "500m" << "500m" << qint64(500);
    QTest::newRow("1000m") << "1000m" << "1" << "1" << qint64(1000);
    QTest::newRow("2") << "2" << "2" << "2" << qint64(2000);
    QTest::newRow("1000") << "1000" << "1k" << "1k" << qint64(1000000);
    QTest::newRow("1000000") << "1000000" << "1M" << "1M" << qint64(1000000000);
    QTest::newRow("1234") << "1234" << "1234" << "1234" << qint64(1234000);
    QTest::newRow("1.5Gi") << "1.5Gi" << "1536Mi" << "1536Mi" << qint64(1610612736000);
    QTest::newRow("1024Mi") << "1024Mi" << "1Gi" << "1Gi" << qint64(1073741824000);
    QTest::newRow("1Gi") << "1Gi" << "1Gi" << "1Gi" << qint64(1073741824000);
    QTest::newRow("500Ki") << "500Ki" << "500Ki" << "500Ki" << qint64(512000000);
    QTest::newRow("1Ki") << "1Ki" << "1Ki" << "1Ki" << qint64(1024000);
    QTest::newRow("1024Ki") << "1024Ki" << "1Mi" << "1Mi" << qint64(1048576000);
    QTest::newRow("0.5Gi") << "0.5Gi" << "512Mi" << "512Mi" << qint64(536870912000);
    QTest::newRow("1.5Ki not multiple") << "1.5Ki" << "1536" << "1536" << qint64(1536000);
    QTest::newRow("0.5Ki below 1024") << "0.5Ki" << "512" << "512" << qint64(512000);
    QTest::newRow("tiny binary") << "0.0001Ki" << "102400u" << "102400u" << qint64(103);
    QTest::newRow("100Mi") << "100Mi" << "100Mi" << "100Mi" << qint64(104857600000);
    QTest::newRow("1e3") << "1e3" << "1e3" << "1e3" << qint64(1000000);
    QTest::newRow("1E3 kept") << "1E3" << "1E3" << "1e3" << qint64(1000000);
    QTest::newRow("1e4") << "1e4" << "10e3" << "10e3" << qint64(10000000);
    QTest::newRow("1e-3") << "1e-3" << "1e-3" << "1e-3" << qint64(1);
    QTest::newRow("129e6") << "129e6" << "129e6" << "129e6" << qint64(129000000000);
    QTest::newRow("129M") << "129M" << "129M" << "129M" << qint64(129000000000);
    QTest::newRow("1E") << "1E" << "1E" << "1E" << std::numeric_limits<qint64>::max();
    QTest::newRow("1000E") << "1000E" << "1e21" << "1e21" << std::numeric_limits<qint64>::max();
    QTest::newRow("nano rounding up") << "0.9n" << "1n" << "1n" << qint64(1);
    QTest::newRow("sub-nano") << "0.0000000001" << "1n" << "1n" << qint64(1);
    QTest::newRow("precision kept") << "1.2345" << "1234500u" << "1234500u" << qint64(1235);
    QTest::newRow("plus kept") << "+1" << "+1" << "1" << qint64(1000);
    QTest::newRow("minus") << "-1" << "-1" << "-1" << qint64(-1000);
    QTest::newRow("minus fraction") << "-1.5" << "-1500m" << "-1500m" << qint64(-1500);
    QTest::newRow("minus binary") << "-1.5Gi" << "-1536Mi" << "-1536Mi" << qint64(-1610612736000);
    QTest::newRow("binary cap") << "8Ei" << "9223372036854775807" << "9223372036854775807" << std::numeric_limits<qint64>::max();
    QTest::newRow("binary cap large") << "100Ei" << "9223372036854775807" << "9223372036854775807" << std::numeric_limits<qint64>::max();
    QTest::newRow("minus zero") << "-0" << "0" << "0" << qint64(0);
    QTest::newRow("leading zeros kept (upstream quirk)") << "007" << "007" << "7" << qint64(7000);
    QTest::newRow("trailing dot kept") << "5." << "5." << "5" << qint64(5000);
    QTest::newRow("trailing zero fraction kept") << "1.500" << "1.500" << "1500m" << qint64(1500);
    QTest::newRow("suffix only") << "Mi" << "0" << "0" << qint64(0);
    QTest::newRow("e+ exponent") << "1e+3" << "1e+3" << "1e3" << qint64(1000000);
    QTest::newRow("micro") << "5u" << "5u" << "5u" << qint64(1);
}

void TestQuantity::parse()
{
    QFETCH(QString, input);
    QFETCH(QString, string);
    QFETCH(QString, canonical);
    QFETCH(qint64, milli);
    const auto r = Quantity::parse(input);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->toString(), string);
    QCOMPARE(r->canonical(), canonical);
    QCOMPARE(r->milliValue(), milli);
    // The canonical form parses back to the same value and string.
    const auto again = Quantity::parse(canonical);
    QVERIFY(again.ok());
    QCOMPARE(again->compare(r.value()), 0);
    QCOMPARE(again->toString(), canonical);
}

void TestQuantity::parseErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << "" << kFormatError;
    QTest::newRow("letters") << "abc" << kFormatError;
    QTest::newRow("two dots") << "1.5.3" << kFormatError;
    QTest::newRow("trailing blank") << "1 " << kFormatError;
    QTest::newRow("leading blank") << " 1" << kFormatError;
    QTest::newRow("KB") << "1Kb" << kFormatError;
    QTest::newRow("KiB") << "1KiB" << kFormatError;
    QTest::newRow("bare e") << "1e" << kSuffixError;
    QTest::newRow("e sign only") << "1e+" << kSuffixError;
    QTest::newRow("k3") << "1k3" << kSuffixError;
    QTest::newRow("i") << "1i" << kSuffixError;
    QTest::newRow("ki lower") << "1ki" << kSuffixError;
    QTest::newRow("double sign") << "--1" << kSuffixError;
    QTest::newRow("huge exponent") << "1e1000000" << "quantity is too large";
}

void TestQuantity::parseErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    const auto r = Quantity::parse(input);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().httpStatus, 400);
}

void TestQuantity::scaledValues_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<qint64>("milli");

    QTest::newRow("100m") << "100m" << qint64(1) << qint64(100);
    QTest::newRow("1n") << "1n" << qint64(1) << qint64(1);
    QTest::newRow("-1.5") << "-1.5" << qint64(-2) << qint64(-1500);
    QTest::newRow("-100m") << "-100m" << qint64(-1) << qint64(-100);
    QTest::newRow("1.5Gi") << "1.5Gi" << qint64(1610612736) << qint64(1610612736000);
    QTest::newRow("2") << "2" << qint64(2) << qint64(2000);
}

void TestQuantity::scaledValues()
{
    QFETCH(QString, input);
    QFETCH(qint64, value);
    QFETCH(qint64, milli);
    const auto r = Quantity::parse(input);
    QVERIFY(r.ok());
    QCOMPARE(r->value(), value);
    QCOMPARE(r->milliValue(), milli);
}

void TestQuantity::arithmetic_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");
    QTest::addColumn<QString>("difference");

    QTest::newRow("millis") << "100m" << "200m" << "300m" << "-100m";
    QTest::newRow("cores and millis") << "1" << "500m" << "1500m" << "500m";
    QTest::newRow("binary") << "1Gi" << "512Mi" << "1536Mi" << "512Mi";
    QTest::newRow("binary plus decimal") << "1Gi" << "1G" << "2073741824" << "73741824";
    QTest::newRow("decimal plus binary") << "1G" << "1Gi" << "2073741824" << "-73741824";
    QTest::newRow("exponent") << "1e3" << "1e3" << "2e3" << "0";
    QTest::newRow("to zero") << "1Gi" << "1024Mi" << "2Gi" << "0";
    QTest::newRow("big decimals") << "100E" << "100E" << "200E" << "0";
    QTest::newRow("negative result") << "1" << "1500m" << "2500m" << "-500m";
}

void TestQuantity::arithmetic()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);
    QFETCH(QString, difference);
    const Quantity qa = q(a.toLatin1().constData());
    const Quantity qb = q(b.toLatin1().constData());
    QCOMPARE((qa + qb).toString(), sum);
    QCOMPARE((qa - qb).toString(), difference);
    Quantity acc = qa;
    acc += qb;
    acc -= qb;
    QCOMPARE(acc.compare(qa), 0);
}

void TestQuantity::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");

    QTest::newRow("Gi vs G") << "1Gi" << "1G" << 1;
    QTest::newRow("1000m vs 1") << "1000m" << "1" << 0;
    QTest::newRow("0.1 vs 100Mi") << "0.1" << "100Mi" << -1;
    QTest::newRow("1e3 vs 1k") << "1e3" << "1k" << 0;
    QTest::newRow("negative") << "-1" << "0" << -1;
    QTest::newRow("1024 vs 1Ki") << "1024" << "1Ki" << 0;
    QTest::newRow("nano") << "1n" << "0" << 1;
}

void TestQuantity::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    const Quantity qa = q(a.toLatin1().constData());
    const Quantity qb = q(b.toLatin1().constData());
    QCOMPARE(qa.compare(qb), expected);
    QCOMPARE(qb.compare(qa), -expected);
    QCOMPARE(qa == qb, expected == 0);
    QCOMPARE(qa < qb, expected < 0);
    QCOMPARE(qa > qb, expected > 0);
}

void TestQuantity::formatRules()
{
    // A zero accumulator takes the format of what is added to it.
    Quantity total;
    total += q("1Gi");
    QCOMPARE(total.format(), Quantity::Format::BinarySI);
    QCOMPARE(total.toString(), QStringLiteral("1Gi"));
    // A non-zero one keeps its own.
    Quantity cpu = q("1");
    cpu += q("1Ki");
    QCOMPARE(cpu.format(), Quantity::Format::DecimalSI);
    QCOMPARE(cpu.toString(), QStringLiteral("1025"));
    QCOMPARE(q("1Ki").withFormat(Quantity::Format::DecimalSI).toString(), QStringLiteral("1024"));
    QCOMPARE(q("1k").withFormat(Quantity::Format::DecimalExponent).toString(), QStringLiteral("1e3"));
    QCOMPARE(q("1500m").withFormat(Quantity::Format::BinarySI).toString(), QStringLiteral("1500m"));
    QCOMPARE((-q("+1")).toString(), QStringLiteral("-1"));
    QCOMPARE(q("250m").multiplied(4).toString(), QStringLiteral("1"));
    QCOMPARE(q("512Mi").multiplied(3).toString(), QStringLiteral("1536Mi"));
    QCOMPARE(q("1Ei").multiplied(2048).toString(), QStringLiteral("2048Ei")); // never beyond Ei
}

void TestQuantity::constructors()
{
    QCOMPARE(Quantity::fromMilli(1500).toString(), QStringLiteral("1500m"));
    QCOMPARE(Quantity::fromInt(2048, Quantity::Format::BinarySI).toString(), QStringLiteral("2Ki"));
    QCOMPARE(Quantity::fromInt(5).toString(), QStringLiteral("5"));
    QCOMPARE(Quantity::fromScaled(5, 3).toString(), QStringLiteral("5k"));
    QCOMPARE(Quantity::fromScaled(5, -12).toString(), QStringLiteral("1n"));
    QCOMPARE(Quantity().toString(), QStringLiteral("0"));
    QVERIFY(Quantity().isZero());
    QCOMPARE(q("-3").sign(), -1);
    QCOMPARE(q("1.5").toDouble(), 1.5);
}

void TestQuantity::fromJson()
{
    QCOMPARE(Quantity::fromJson(QJsonValue(1)).value().toString(), QStringLiteral("1"));
    QCOMPARE(Quantity::fromJson(QJsonValue(0.5)).value().toString(), QStringLiteral("500m"));
    QCOMPARE(Quantity::fromJson(QJsonValue(1.5e20)).value().toString(), QStringLiteral("150e18"));
    QCOMPARE(Quantity::fromJson(QJsonValue(QStringLiteral(" 2Gi "))).value().toString(), QStringLiteral("2Gi"));
    QVERIFY(Quantity::fromJson(QJsonValue(QJsonValue::Null)).value().isZero());
    QVERIFY(!Quantity::fromJson(QJsonValue(true)).ok());
    QCOMPARE(Quantity::fromJson(QJsonValue(QStringLiteral("x"))).error().message, kFormatError);
}

void TestQuantity::sumsWithoutDrift()
{
    Quantity cpu;
    for (int i = 0; i < 1000; ++i)
        cpu += q("1m");
    QCOMPARE(cpu.toString(), QStringLiteral("1"));
    Quantity tenth;
    for (int i = 0; i < 10; ++i)
        tenth += q("0.1");
    QCOMPARE(tenth, q("1"));
    Quantity mem;
    for (int i = 0; i < 4; ++i)
        mem += q("256Mi");
    QCOMPARE(mem.toString(), QStringLiteral("1Gi"));
}

void TestQuantity::saturation()
{
    Quantity big = q("100E");
    for (int i = 0; i < 40; ++i)
        big = big.multiplied(1000);
    QVERIFY(big > q("100E"));
    QCOMPARE(big.milliValue(), std::numeric_limits<qint64>::max());
    QCOMPARE((-big).value(), std::numeric_limits<qint64>::min());
}

QTEST_GUILESS_MAIN(TestQuantity)
#include "tst_quantity.moc"
