/// A fixed number of elements that one replication owns alone, read and written in place through a
/// pointer: no copy-on-write check and no reference counting on each access, which is what an
/// `Array` stored in the replication's state costs in the hot loop.
///
/// It is a reference: copies of a table share its elements, so keep each table in one place (the
/// replication's state) and copy the elements out (`elements`) to hand them on. Indices are
/// checked in debug builds only.
///
/// - Complexity: access O(1); `elements` O(n).
public struct Table<Element>: RandomAccessCollection {
    /// Owns the memory, and frees it with the last copy of the table.
    @usableFromInline final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let count: Int

        @inlinable
        init(_ elements: some Collection<Element>) {
            count = elements.count
            base = .allocate(capacity: Swift.max(count, 1))
            _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: elements)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    /// The first element's address, for code that works on a run of elements in place (a heap).
    public let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    public let count: Int
    @usableFromInline let storage: Storage

    /// A table holding `elements`, in order. (Inlinable, so that it is specialised for its
    /// element type: a replication makes a dozen tables, and the generic path cost more than
    /// a short replication.)
    @inlinable
    public init(_ elements: some Collection<Element>) {
        storage = Storage(elements)
        base = storage.base
        count = storage.count
    }

    /// A table of `count` copies of `element`.
    @inlinable
    public init(repeating element: Element, count: Int) {
        self.init(repeatElement(element, count: count))
    }

    /// The element at `index`, read or changed in place.
    /// (Addressors, so that reading a field of an element or calling a method on it works in place:
    /// no copy of the element, and no retain of what it holds.)
    @inlinable
    public subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < count, "index \(index) out of 0..<\(count)")
            return UnsafePointer(base + index)
        }
        nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < count, "index \(index) out of 0..<\(count)")
            return base + index
        }
    }

    /// The elements, copied out in order.
    public var elements: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
}
