#include "models/LabelSelectorParser.h"
#include "models/GoQuote.h"

#include <QHash>
#include <algorithm>
#include <optional>

namespace acp::models {

using acp::api::ApiError;
using acp::api::Result;

namespace {

constexpr auto badRequest = &ApiError::badRequest;

// ---- lexer / parser (labels.Lexer, labels.Parser) ----

enum class Tok { Error, EndOfString, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan, NotEquals, NotIn, OpenPar };

struct Item {
    Tok tok;
    QString literal;
};

std::optional<Tok> keyword(const QString &s)
{
    static const QHash<QString, Tok> map{
        {QStringLiteral(")"), Tok::ClosedPar}, {QStringLiteral(","), Tok::Comma},
        {QStringLiteral("!"), Tok::DoesNotExist}, {QStringLiteral("=="), Tok::DoubleEquals},
        {QStringLiteral("="), Tok::Equals}, {QStringLiteral(">"), Tok::GreaterThan},
        {QStringLiteral("in"), Tok::In}, {QStringLiteral("<"), Tok::LessThan},
        {QStringLiteral("!="), Tok::NotEquals}, {QStringLiteral("notin"), Tok::NotIn},
        {QStringLiteral("("), Tok::OpenPar}};
    const auto it = map.constFind(s);
    if (it == map.constEnd())
        return std::nullopt;
    return *it;
}

bool isWhitespace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n');
}

bool isSpecial(QChar c)
{
    switch (c.unicode()) {
    case '=': case '!': case '(': case ')': case ',': case '>': case '<':
        return true;
    default:
        return false;
    }
}

QList<Item> lex(const QString &s)
{
    QList<Item> items;
    int pos = 0;
    const int end = s.size();
    while (true) {
        while (pos < end && isWhitespace(s.at(pos)))
            ++pos;
        if (pos >= end) {
            items.append({Tok::EndOfString, QString()});
            return items;
        }
        if (isSpecial(s.at(pos))) {
            QString buffer;
            std::optional<Item> last;
            while (pos < end && isSpecial(s.at(pos))) {
                buffer += s.at(pos);
                if (const auto t = keyword(buffer)) {
                    last = Item{*t, buffer};
                    ++pos;
                } else if (last) {
                    break;
                } else {
                    ++pos;
                }
            }
            items.append(last ? *last : Item{Tok::Error, QStringLiteral("error expected: keyword found '%1'").arg(buffer)});
            continue;
        }
        const int start = pos;
        while (pos < end && !isSpecial(s.at(pos)) && !isWhitespace(s.at(pos)))
            ++pos;
        const QString lit = s.mid(start, pos - start);
        const auto t = keyword(lit);
        items.append({t ? *t : Tok::Identifier, lit});
    }
}

class Parser {
public:
    explicit Parser(const QString &s) : m_items(lex(s)) {}

    Result<QList<LabelSelector::Requirement>> parse();

private:
    enum Context { KeyAndOperator, Values };
    // The item list always ends with EndOfString; reading past it keeps returning it.
    Item lookahead(Context ctx) const { return adjust(m_items.at(qMin<qsizetype>(m_pos, m_items.size() - 1)), ctx); }
    Item consume(Context ctx)
    {
        const Item it = lookahead(ctx);
        ++m_pos;
        return it;
    }
    static Item adjust(Item it, Context ctx)
    {
        if (ctx == Values && (it.tok == Tok::In || it.tok == Tok::NotIn))
            it.tok = Tok::Identifier;
        return it;
    }

    Result<LabelSelector::Requirement> parseRequirement();
    Result<QStringList> parseValues();
    Result<QStringList> parseIdentifiersList();
    Result<QStringList> parseExactValue();

    QList<Item> m_items;
    int m_pos = 0;
};

using Op = LabelSelector::Operator;

Result<QList<LabelSelector::Requirement>> Parser::parse()
{
    QList<LabelSelector::Requirement> reqs;
    while (true) {
        const Item it = lookahead(Values);
        switch (it.tok) {
        case Tok::Identifier:
        case Tok::DoesNotExist: {
            auto r = parseRequirement();
            if (!r)
                return badRequest(QLatin1String("unable to parse requirement: ") + r.error().message);
            reqs.append(r.value());
            const Item t = consume(Values);
            if (t.tok == Tok::EndOfString)
                return reqs;
            if (t.tok != Tok::Comma)
                return badRequest(QStringLiteral("found '%1', expected: ',' or 'end of string'").arg(t.literal));
            const Item t2 = lookahead(Values);
            if (t2.tok != Tok::Identifier && t2.tok != Tok::DoesNotExist)
                return badRequest(QStringLiteral("found '%1', expected: identifier after ','").arg(t2.literal));
            break;
        }
        case Tok::EndOfString:
            return reqs;
        default:
            return badRequest(QStringLiteral("found '%1', expected: !, identifier, or 'end of string'").arg(it.literal));
        }
    }
}

Result<LabelSelector::Requirement> Parser::parseRequirement()
{
    // parseKeyAndInferOperator
    std::optional<Op> op;
    Item it = consume(Values);
    if (it.tok == Tok::DoesNotExist) {
        op = Op::DoesNotExist;
        it = consume(Values);
    }
    if (it.tok != Tok::Identifier)
        return badRequest(QStringLiteral("found '%1', expected: identifier").arg(it.literal));
    const QString key = it.literal;
    if (const QStringList errs = LabelSelector::validateLabelKey(key); !errs.isEmpty())
        return badRequest(QLatin1String("<nil>: Invalid value: ") + goQuote(key) + QLatin1String(": ") + errs.join(QLatin1String("; ")));
    const Tok next = lookahead(Values).tok;
    if ((next == Tok::EndOfString || next == Tok::Comma) && !op)
        op = Op::Exists;
    if (op)
        return LabelSelector::makeRequirement(key, *op, {});

    // parseOperator
    const Item opItem = consume(KeyAndOperator);
    switch (opItem.tok) {
    case Tok::In: op = Op::In; break;
    case Tok::Equals: op = Op::Equals; break;
    case Tok::DoubleEquals: op = Op::DoubleEquals; break;
    case Tok::GreaterThan: op = Op::GreaterThan; break;
    case Tok::LessThan: op = Op::LessThan; break;
    case Tok::NotIn: op = Op::NotIn; break;
    case Tok::NotEquals: op = Op::NotEquals; break;
    default:
        return badRequest(QStringLiteral("found '%1', expected: in, notin, =, ==, !=, gt, lt").arg(opItem.literal));
    }
    auto values = (*op == Op::In || *op == Op::NotIn) ? parseValues() : parseExactValue();
    if (!values)
        return values.error();
    QStringList list = values.value();
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return LabelSelector::makeRequirement(key, *op, list);
}

Result<QStringList> Parser::parseValues()
{
    const Item open = consume(Values);
    if (open.tok != Tok::OpenPar)
        return badRequest(QStringLiteral("found '%1' expected: '('").arg(open.literal));
    const Item it = lookahead(Values);
    switch (it.tok) {
    case Tok::Identifier:
    case Tok::Comma: {
        auto s = parseIdentifiersList();
        if (!s)
            return s;
        if (consume(Values).tok != Tok::ClosedPar)
            return badRequest(QStringLiteral("found '%1', expected: ')'").arg(it.literal));
        return s;
    }
    case Tok::ClosedPar:
        consume(Values);
        return QStringList{QString()};
    default:
        return badRequest(QStringLiteral("found '%1', expected: ',', ')' or identifier").arg(it.literal));
    }
}

Result<QStringList> Parser::parseIdentifiersList()
{
    QStringList s;
    while (true) {
        const Item it = consume(Values);
        if (it.tok == Tok::Identifier) {
            s << it.literal;
            const Item t2 = lookahead(Values);
            if (t2.tok == Tok::Comma)
                continue;
            if (t2.tok == Tok::ClosedPar)
                return s;
            return badRequest(QStringLiteral("found '%1', expected: ',' or ')'").arg(t2.literal));
        }
        if (it.tok != Tok::Comma)
            return badRequest(QStringLiteral("found '%1', expected: ',', or identifier").arg(it.literal));
        if (s.isEmpty())
            s << QString(); // "(,"
        const Tok t2 = lookahead(Values).tok;
        if (t2 == Tok::ClosedPar) {
            s << QString(); // ",)"
            return s;
        }
        if (t2 == Tok::Comma) {
            consume(Values);
            s << QString(); // ",,"
        }
    }
}

Result<QStringList> Parser::parseExactValue()
{
    const Tok t = lookahead(Values).tok;
    if (t == Tok::EndOfString || t == Tok::Comma)
        return QStringList{QString()};
    const Item it = consume(Values);
    if (it.tok == Tok::Identifier)
        return QStringList{it.literal};
    return badRequest(QStringLiteral("found '%1', expected: identifier").arg(it.literal));
}

} // namespace

Result<QList<LabelSelector::Requirement>> LabelSelectorParser::parse(const QString &selector)
{
    Parser p(selector);
    return p.parse();
}

} // namespace acp::models
