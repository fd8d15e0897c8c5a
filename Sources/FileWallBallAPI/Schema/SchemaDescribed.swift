/// A Swift type whose JSON form is described by a structural schema written next to it.
///
/// The schema's property names must be the type's coding keys: `SchemaCoverageTests` encodes a fully
/// populated example of every kind and fails when a key is missing from the schema or the schema names a
/// key the type never writes.
public protocol SchemaDescribed {
    /// The schema of this type's JSON form.
    static var schema: Schema { get }
}
