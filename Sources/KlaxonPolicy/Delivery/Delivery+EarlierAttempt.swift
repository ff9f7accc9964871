import Foundation

/// A send that may repeat an earlier attempt (`retrying`): the platforms that can be asked look for what it left,
/// so that the message is recorded, or finished, rather than sent twice.
extension Delivery {
    /// Where a look for an earlier attempt starts: a minute before the event the message reports, allowing for a
    /// platform's clock a little behind ours.
    public var lookupStart: Date {
        (incident.event(notice.sequence)?.at ?? now).addingTimeInterval(-60)
    }

    /// What an earlier attempt left on the platform (`look`, from `lookupStart`), for a resend to go on from. `nil` for
    /// a first attempt, or when the look fails: the message then goes whole, as a duplicate is better than a lost
    /// message. A rate limit is thrown, to wait as a send would.
    public func earlierAttempt<T>(_ look: (Date) async throws(DeliveryFailure) -> T) async throws(DeliveryFailure) -> T? {
        guard retrying else { return nil }
        do throws(DeliveryFailure) {
            return try await look(lookupStart)
        } catch .rateLimited(let seconds) {
            throw .rateLimited(retryAfter: seconds)
        } catch {
            return nil
        }
    }
}
