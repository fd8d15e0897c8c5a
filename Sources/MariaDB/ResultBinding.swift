import Foundation
internal import CMariaDB

/// How a result column is bound and turned into a `MariaDBValue`.
enum ResultColumnKind {
    case signed, unsigned, double, text, blob, date, null
}

/// Result buffers for one statement execution: one MYSQL_BIND per column, grown on truncation.
/// Lives only on the connection's queue.
final class ResultBinding {
    let columns: [String]
    private let kinds: [ResultColumnKind]
    private let count: Int
    private let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<my_bool>
    private let errors: UnsafeMutablePointer<my_bool>
    private var buffers: [UnsafeMutableRawPointer]
    private var capacities: [Int]
    private var needsRebind = false

    /// Largest buffer allocated up front for a variable-length column; longer values grow it.
    static let initialVariableBuffer = 4096

    init(fields: UnsafeMutablePointer<MYSQL_FIELD>, count: Int) {
        self.count = count
        binds = .allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        nulls = .allocate(capacity: count)
        nulls.initialize(repeating: 0, count: count)
        errors = .allocate(capacity: count)
        errors.initialize(repeating: 0, count: count)
        var names: [String] = []
        var kinds: [ResultColumnKind] = []
        var buffers: [UnsafeMutableRawPointer] = []
        var capacities: [Int] = []
        names.reserveCapacity(count)
        for index in 0..<count {
            let field = fields[index]
            names.append(field.name.map { String(cString: $0) } ?? "")
            let kind = Self.kind(of: field)
            kinds.append(kind)
            let capacity: Int
            switch kind {
            case .signed, .unsigned, .double: capacity = 8
            case .date: capacity = MemoryLayout<MYSQL_TIME>.stride
            case .null: capacity = 8
            case .text, .blob: capacity = max(16, min(Int(field.length), Self.initialVariableBuffer))
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            buffers.append(buffer)
            capacities.append(capacity)
            binds[index].buffer = buffer
            binds[index].buffer_length = UInt(capacity)
            binds[index].length = lengths + index
            binds[index].is_null = nulls + index
            binds[index].error = errors + index
            switch kind {
            case .signed: binds[index].buffer_type = MYSQL_TYPE_LONGLONG
            case .unsigned: binds[index].buffer_type = MYSQL_TYPE_LONGLONG; binds[index].is_unsigned = 1
            case .double: binds[index].buffer_type = MYSQL_TYPE_DOUBLE
            case .date: binds[index].buffer_type = MYSQL_TYPE_DATETIME
            case .text, .null: binds[index].buffer_type = MYSQL_TYPE_STRING
            case .blob: binds[index].buffer_type = MYSQL_TYPE_BLOB
            }
        }
        columns = names
        self.kinds = kinds
        self.buffers = buffers
        self.capacities = capacities
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
        binds.deinitialize(count: count)
        binds.deallocate()
        lengths.deallocate()
        nulls.deallocate()
        errors.deallocate()
    }

    /// Maps server column metadata to a binding kind.
    static func kind(of field: MYSQL_FIELD) -> ResultColumnKind {
        let isUnsigned = field.flags & CMARIADB_UNSIGNED_FLAG != 0
        let isBinary = field.charsetnr == CMARIADB_BINARY_CHARSET
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_INT24, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_YEAR:
            return isUnsigned ? .unsigned : .signed
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            return .double
        case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE, MYSQL_TYPE_DATETIME2,
             MYSQL_TYPE_TIMESTAMP2:
            return .date
        case MYSQL_TYPE_NULL:
            return .null
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL, MYSQL_TYPE_TIME, MYSQL_TYPE_TIME2, MYSQL_TYPE_JSON,
             MYSQL_TYPE_ENUM, MYSQL_TYPE_SET:
            return .text
        case MYSQL_TYPE_BIT, MYSQL_TYPE_GEOMETRY:
            return .blob
        default:
            return isBinary ? .blob : .text
        }
    }

    /// True when these buffers fit the given result metadata (same count, names and binding kinds),
    /// so a re-executed statement can reuse them instead of allocating new ones.
    func matches(fields: UnsafeMutablePointer<MYSQL_FIELD>, count: Int) -> Bool {
        guard count == self.count else { return false }
        for index in 0..<count {
            let field = fields[index]
            guard Self.kind(of: field) == kinds[index] else { return false }
            guard let name = field.name, columns[index].utf8.elementsEqual(UnsafeBufferPointer(
                start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: Int(field.name_length)))
            else { return false }
        }
        return true
    }

    /// Binds the buffers to the statement (again after a buffer grew).
    func bind(to statement: UnsafeMutablePointer<MYSQL_STMT>) throws {
        if mysql_stmt_bind_result(statement, binds) != 0 {
            throw PreparedStatement.error(of: statement)
        }
        needsRebind = false
    }

    /// Reads the current row; on truncation fetches the full column value into a grown buffer.
    func readRow(from statement: UnsafeMutablePointer<MYSQL_STMT>, truncated: Bool) throws -> [MariaDBValue] {
        var values: [MariaDBValue] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            if nulls[index] != 0 {
                values.append(.null)
                continue
            }
            if truncated, errors[index] != 0, kinds[index] == .text || kinds[index] == .blob {
                try refetch(column: index, from: statement)
            }
            values.append(value(at: index))
        }
        if needsRebind { try bind(to: statement) }
        return values
    }

    private func refetch(column index: Int, from statement: UnsafeMutablePointer<MYSQL_STMT>) throws {
        let fullLength = Int(lengths[index])
        if fullLength > capacities[index] {
            buffers[index].deallocate()
            let grown = max(fullLength, capacities[index] * 2)
            buffers[index] = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
            capacities[index] = grown
            binds[index].buffer = buffers[index]
            binds[index].buffer_length = UInt(grown)
            needsRebind = true
        }
        if mysql_stmt_fetch_column(statement, binds + index, UInt32(index), 0) != 0 {
            throw PreparedStatement.error(of: statement)
        }
        errors[index] = 0
    }

    private func value(at index: Int) -> MariaDBValue {
        let buffer = buffers[index]
        switch kinds[index] {
        case .signed:
            return .int(buffer.load(as: Int64.self))
        case .unsigned:
            return .uint(buffer.load(as: UInt64.self))
        case .double:
            return .double(buffer.load(as: Double.self))
        case .null:
            return .null
        case .text:
            let length = min(Int(lengths[index]), capacities[index])
            return .text(String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self))
        case .blob:
            let length = min(Int(lengths[index]), capacities[index])
            return .blob([UInt8](UnsafeRawBufferPointer(start: buffer, count: length)))
        case .date:
            let time = buffer.load(as: MYSQL_TIME.self)
            let fields = UTCDateFields(year: Int(time.year), month: Int(time.month), day: Int(time.day),
                                       hour: Int(time.hour), minute: Int(time.minute), second: Int(time.second),
                                       microsecond: Int(time.second_part))
            return .date(UTCDateConversion.date(from: fields))
        }
    }
}
