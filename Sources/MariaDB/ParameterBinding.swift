internal import CMariaDB

/// MYSQL_BIND array and the memory it points at, for one execution's parameters.
/// Lives only on the connection's queue and only for the duration of one `mysql_stmt_execute`.
final class ParameterBinding {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let count: Int
    private let lengths: UnsafeMutablePointer<UInt>
    private var allocations: [UnsafeMutableRawPointer] = []

    init(_ values: [MariaDBValue]) {
        count = values.count
        binds = .allocate(capacity: max(count, 1))
        binds.initialize(repeating: MYSQL_BIND(), count: max(count, 1))
        lengths = .allocate(capacity: max(count, 1))
        lengths.initialize(repeating: 0, count: max(count, 1))
        for (index, value) in values.enumerated() {
            bind(value, at: index)
        }
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
        binds.deinitialize(count: max(count, 1))
        binds.deallocate()
        lengths.deallocate()
    }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 8)
        allocations.append(pointer)
        return pointer
    }

    private func bindBytes<C: Collection>(_ bytes: C, type: enum_field_types, at index: Int) where C.Element == UInt8 {
        let size = bytes.count
        let buffer = allocate(size)
        let raw = UnsafeMutableRawBufferPointer(start: buffer, count: size)
        _ = raw.initializeMemory(as: UInt8.self, from: bytes)
        binds[index].buffer_type = type
        binds[index].buffer = buffer
        binds[index].buffer_length = UInt(size)
        lengths[index] = UInt(size)
        binds[index].length = lengths + index
    }

    private func bind(_ value: MariaDBValue, at index: Int) {
        switch value {
        case .null:
            binds[index].buffer_type = MYSQL_TYPE_NULL
        case .int(let number):
            let buffer = allocate(8)
            buffer.storeBytes(of: number, as: Int64.self)
            binds[index].buffer_type = MYSQL_TYPE_LONGLONG
            binds[index].buffer = buffer
        case .uint(let number):
            let buffer = allocate(8)
            buffer.storeBytes(of: number, as: UInt64.self)
            binds[index].buffer_type = MYSQL_TYPE_LONGLONG
            binds[index].buffer = buffer
            binds[index].is_unsigned = 1
        case .double(let number):
            let buffer = allocate(8)
            buffer.storeBytes(of: number, as: Double.self)
            binds[index].buffer_type = MYSQL_TYPE_DOUBLE
            binds[index].buffer = buffer
        case .text(let text):
            bindBytes(text.utf8, type: MYSQL_TYPE_STRING, at: index)
        case .blob(let bytes):
            bindBytes(bytes, type: MYSQL_TYPE_BLOB, at: index)
        case .date(let date):
            let fields = UTCDateConversion.fields(of: date)
            let buffer = allocate(MemoryLayout<MYSQL_TIME>.stride)
            var time = MYSQL_TIME()
            time.year = UInt32(clamping: fields.year)
            time.month = UInt32(fields.month)
            time.day = UInt32(fields.day)
            time.hour = UInt32(fields.hour)
            time.minute = UInt32(fields.minute)
            time.second = UInt32(fields.second)
            time.second_part = UInt(fields.microsecond)
            time.time_type = MYSQL_TIMESTAMP_DATETIME
            buffer.storeBytes(of: time, as: MYSQL_TIME.self)
            binds[index].buffer_type = MYSQL_TYPE_DATETIME
            binds[index].buffer = buffer
            binds[index].buffer_length = UInt(MemoryLayout<MYSQL_TIME>.size)
        }
    }
}
