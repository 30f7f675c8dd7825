#pragma once
// ProtobufSchema: the Kubernetes protobuf message definitions acp-sandbox can decode, as data.
//
// The tables (sandbox/ProtobufSchema*.cpp) hold one MessageText per message: its name inside its
// package ("Deployment" in "apps.v1") and a space-separated list of fields, each
//   <number>:<json name>:<type><flags>
// with <type> one of
//   s string   i int32   l int64   b bool   y bytes (JSON: base64)
//   >Name      message of the same package; >pkg.Name (">meta.v1.ObjectMeta") of another package
//   {K:V}      map (repeated entry message {1: key, 2: value}), K and V type codes ("{s:s}", "{s:Q}")
//   T meta.v1.Time (RFC 3339, seconds)    U meta.v1.MicroTime (RFC 3339, microseconds)
//   D meta.v1.Duration (Go duration text) J meta.v1.FieldsV1 (raw JSON)
//   R runtime.RawExtension (raw JSON, or a nested "k8s\0" object)
//   I intstr.IntOrString                  Q resource.Quantity (string)
//   X a list-of-strings wrapper message {1: repeated string items} (ExtraValue, Verbs)
// and <flags> any of
//   *  repeated
//   ?  Go pointer: a zero value on the wire is kept (without it, zero scalars are omitted, as
//      Go's omitempty does for the always-written non-pointer fields)
//   ^  inlined into the parent object (Go embedded struct with json:",inline")
// Messages are always emitted when present on the wire (Go structs are never omitted).
#include <QHash>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <deque>
#include <vector>

namespace acp::sandbox::protobuf {

struct MessageText {
    const char *name;
    const char *fields;
};

struct PackageText {
    const char *package; // "core.v1", "apps.v1", "meta.v1", ...
    const MessageText *messages;
    std::size_t count;
};

// The tables, one per package (core.v1 in two parts).
extern const PackageText kSchemaMetaV1, kSchemaCoreV1a, kSchemaCoreV1b, kSchemaAppsV1, kSchemaBatchV1,
    kSchemaAutoscalingV1, kSchemaAutoscalingV2, kSchemaAuthorizationV1, kSchemaAuthenticationV1, kSchemaRbacV1,
    kSchemaCertificatesV1, kSchemaPolicyV1, kSchemaNetworkingV1, kSchemaSchedulingV1, kSchemaCoordinationV1,
    kSchemaDiscoveryV1, kSchemaEventsV1, kSchemaStorageV1;

enum class FieldType : unsigned char {
    String, Int32, Int64, Bool, Bytes, Message, Map,
    Time, MicroTime, Duration, FieldsV1, RawExtension, IntOrString, Quantity, StringList,
};

struct Message;

struct Field {
    int number = 0;
    QString json;
    FieldType type = FieldType::String;
    bool repeated = false;
    bool pointer = false;
    bool inlined = false;
    const Message *message = nullptr; // type Message, or the value of a Map of messages
    FieldType mapKey = FieldType::String;
    FieldType mapValue = FieldType::String;
};

struct Message {
    QString name; // qualified: "apps.v1.Deployment"
    std::vector<Field> fields;
    std::vector<short> byNumber; // field number -> index in fields, -1 if none

    const Field *field(int number) const
    {
        if (number <= 0 || number >= int(byNumber.size()) || byNumber[number] < 0)
            return nullptr;
        return &fields[byNumber[number]];
    }
};

class Schema {
public:
    // Parsed once, on first use; thread-safe.
    static const Schema &instance();

    // "apps.v1.Deployment"; nullptr when unknown.
    const Message *message(const QString &qualifiedName) const { return m_byName.value(qualifiedName); }
    // The message for a top-level object: apiVersion "apps/v1" or "v1", kind "Deployment".
    // Kinds every group version registers (DeleteOptions, ...) fall back to meta.v1.
    const Message *messageFor(const QString &apiVersion, const QString &kind) const;
    // The package key for an apiVersion ("rbac.authorization.k8s.io/v1" -> "rbac.v1"), empty if none.
    static QString packageFor(const QString &apiVersion);

    // Table errors (unresolved references, bad tokens); empty when the tables are consistent.
    const QStringList &problems() const { return m_problems; }
    int messageCount() const { return int(m_messages.size()); }

private:
    Schema();
    void parseFields(Message &message, const QString &package, const char *text);

    std::deque<Message> m_messages;
    QHash<QString, const Message *> m_byName;
    QStringList m_problems;
};

} // namespace acp::sandbox::protobuf
