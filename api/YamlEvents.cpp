#include "api/YamlEvents.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml.h>

#include <string>
#include <unordered_map>

namespace acp::api::yaml::detail {
namespace {

// Nested collections allowed. Far beyond any Kubernetes object; keeps the recursive JSON code
// above (validation, diff, emit) safe from stack exhaustion, as yaml-cpp's depth guard did.
constexpr int kMaxDepth = 1000;

bool isContinuation(char c) { return (uchar(c) & 0xC0) == 0x80; }

// Converts libyaml's marks (index and column in characters) to yaml-cpp's (bytes). Marks come
// in nearly increasing order, so one cursor walking the UTF-8 text keeps this linear.
class MarkMapper {
public:
    explicit MarkMapper(const QByteArray &source) : m_s(source)
    {
        m_ascii = true;
        for (char c : source) {
            if (uchar(c) >= 0x80) {
                m_ascii = false;
                break;
            }
        }
    }

    YAML::Mark map(const yaml_mark_t &m)
    {
        YAML::Mark r;
        r.line = int(m.line);
        if (m_ascii) {
            r.pos = int(m.index);
            r.column = int(m.column);
            return r;
        }
        seek(m.index);
        qsizetype start = m_byte;   // walk back over the line's characters
        for (size_t c = 0; c < m.column && start > 0; ++c) {
            --start;
            while (start > 0 && isContinuation(m_s.at(start)))
                --start;
        }
        r.pos = int(m_byte);
        r.column = int(m_byte - start);
        return r;
    }

    // yaml-cpp's mark of a byte offset (libyaml's reader errors carry only that).
    YAML::Mark fromByte(qsizetype offset) const
    {
        offset = qBound<qsizetype>(0, offset, m_s.size());
        YAML::Mark r;
        r.pos = int(offset);
        r.line = int(QByteArrayView(m_s.constData(), offset).count('\n'));
        const qsizetype nl = QByteArrayView(m_s.constData(), offset).lastIndexOf('\n');
        r.column = int(offset - (nl + 1));
        return r;
    }

private:
    void seek(size_t index)
    {
        const qsizetype n = m_s.size();
        while (m_char < index && m_byte < n) {
            ++m_byte;
            while (m_byte < n && isContinuation(m_s.at(m_byte)))
                ++m_byte;
            ++m_char;
        }
        while (m_char > index && m_byte > 0) {
            --m_byte;
            while (m_byte > 0 && isContinuation(m_s.at(m_byte)))
                --m_byte;
            --m_char;
        }
    }

    const QByteArray &m_s;
    bool m_ascii = true;
    size_t m_char = 0;
    qsizetype m_byte = 0;
};

struct ParserGuard {
    yaml_parser_t parser;
    ParserGuard() { yaml_parser_initialize(&parser); }
    ~ParserGuard() { yaml_parser_delete(&parser); }
    ParserGuard(const ParserGuard &) = delete;
    ParserGuard &operator=(const ParserGuard &) = delete;
};

struct EventGuard {
    yaml_event_t event;
    bool live = false;
    ~EventGuard() { release(); }
    void release()
    {
        if (live)
            yaml_event_delete(&event);
        live = false;
    }
};

std::string text(const yaml_char_t *s) { return s ? std::string(reinterpret_cast<const char *>(s)) : std::string(); }

bool isNullString(const char *s, size_t n)
{
    const std::string_view v(s, n);
    return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// Gives the events of one libyaml parse to a yaml-cpp handler.
class Dispatcher {
public:
    Dispatcher(const QByteArray &source, YAML::EventHandler &handler) : m_marks(source), m_h(handler) {}

    // false: an alias to an undefined anchor, or nesting beyond kMaxDepth (m_error set).
    bool dispatch(const yaml_event_t &e)
    {
        switch (e.type) {
        case YAML_DOCUMENT_START_EVENT:
            m_anchors.clear();
            m_nextAnchor = 0;
            m_h.OnDocumentStart(m_marks.map(e.start_mark));
            break;
        case YAML_DOCUMENT_END_EVENT:
            m_h.OnDocumentEnd();
            break;
        case YAML_ALIAS_EVENT: {
            const auto it = m_anchors.find(text(e.data.alias.anchor));
            const YAML::Mark mark = m_marks.map(e.start_mark);
            if (it == m_anchors.end()) {
                m_error = SyntaxError{mark, QStringLiteral("unknown anchor '%1' referenced")
                                                .arg(QString::fromUtf8(reinterpret_cast<const char *>(e.data.alias.anchor)))};
                return false;
            }
            m_h.OnAlias(mark, it->second);
            break;
        }
        case YAML_SCALAR_EVENT:
            scalar(e);
            break;
        case YAML_SEQUENCE_START_EVENT:
            if (!enter(e))
                return false;
            m_h.OnSequenceStart(m_marks.map(e.start_mark), tagOf(e.data.sequence_start.tag),
                                anchor(e.data.sequence_start.anchor),
                                e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? YAML::EmitterStyle::Flow
                                                                                        : YAML::EmitterStyle::Block);
            break;
        case YAML_SEQUENCE_END_EVENT:
            --m_depth;
            m_h.OnSequenceEnd();
            break;
        case YAML_MAPPING_START_EVENT:
            if (!enter(e))
                return false;
            m_h.OnMapStart(m_marks.map(e.start_mark), tagOf(e.data.mapping_start.tag),
                           anchor(e.data.mapping_start.anchor),
                           e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? YAML::EmitterStyle::Flow
                                                                                 : YAML::EmitterStyle::Block);
            break;
        case YAML_MAPPING_END_EVENT:
            --m_depth;
            m_h.OnMapEnd();
            break;
        default:   // stream start/end
            break;
        }
        return true;
    }

    SyntaxError parserError(const yaml_parser_t &p)
    {
        // The problem alone, as go-yaml prints it (the context, "while parsing ...", is dropped).
        const QString message = p.problem ? QString::fromUtf8(p.problem)
                                          : QStringLiteral("unknown problem parsing YAML content");
        if (p.error == YAML_READER_ERROR)   // invalid UTF-8, control characters: a byte offset
            return SyntaxError{m_marks.fromByte(qsizetype(p.problem_offset)), message};
        if (p.error == YAML_MEMORY_ERROR)
            return SyntaxError{YAML::Mark::null_mark(), QStringLiteral("out of memory")};
        return SyntaxError{m_marks.map(p.problem_mark), message};
    }

    std::optional<SyntaxError> m_error;

private:
    bool enter(const yaml_event_t &e)
    {
        if (++m_depth <= kMaxDepth)
            return true;
        m_error = SyntaxError{m_marks.map(e.start_mark), QStringLiteral("exceeded max depth of %1").arg(kMaxDepth)};
        return false;
    }

    static std::string tagOf(const yaml_char_t *tag) { return tag ? text(tag) : std::string("?"); }

    YAML::anchor_t anchor(const yaml_char_t *name)
    {
        if (!name)
            return YAML::NullAnchor;
        const YAML::anchor_t id = ++m_nextAnchor;
        m_anchors[text(name)] = id;   // a redefined name refers to its latest node
        return id;
    }

    void scalar(const yaml_event_t &e)
    {
        const auto &s = e.data.scalar;
        const YAML::Mark mark = m_marks.map(e.start_mark);
        const YAML::anchor_t a = anchor(s.anchor);
        const char *value = reinterpret_cast<const char *>(s.value);
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        if (!s.tag && plain && isNullString(value, s.length)) {
            m_h.OnNull(mark, a);
            return;
        }
        const std::string tag = s.tag ? text(s.tag) : std::string(plain ? "?" : "!");
        m_h.OnScalar(mark, tag, a, std::string(value, s.length));
    }

    MarkMapper m_marks;
    YAML::EventHandler &m_h;
    std::unordered_map<std::string, YAML::anchor_t> m_anchors;
    YAML::anchor_t m_nextAnchor = 0;
    int m_depth = 0;
};

} // namespace

std::optional<SyntaxError> parseEvents(const QByteArray &source, YAML::EventHandler &handler)
{
    ParserGuard guard;
    yaml_parser_set_input_string(&guard.parser, reinterpret_cast<const unsigned char *>(source.constData()),
                                 size_t(source.size()));
    yaml_parser_set_encoding(&guard.parser, YAML_UTF8_ENCODING);
    Dispatcher d(source, handler);
    EventGuard ev;
    for (;;) {
        if (!yaml_parser_parse(&guard.parser, &ev.event))
            return d.parserError(guard.parser);
        ev.live = true;
        const yaml_event_type_t type = ev.event.type;
        if (!d.dispatch(ev.event))
            return d.m_error;
        ev.release();
        if (type == YAML_STREAM_END_EVENT)
            return std::nullopt;
    }
}

} // namespace acp::api::yaml::detail
