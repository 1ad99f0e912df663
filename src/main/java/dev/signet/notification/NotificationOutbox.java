package dev.signet.notification;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Where accepted notifications wait, durably, until they are delivered: written before
 * Cloudinary gets its 200, acknowledged once the internal URL took them (or they were
 * given up), handed back to a forwarder that runs next when they were not.
 * {@link NotificationJournal} is the local one; {@link RedisNotificationOutbox} the one
 * shared by every replica through a Redis stream.
 *
 * @author Signet developers
 */
interface NotificationOutbox extends AutoCloseable {

	/**
	 * Writes a notification durably.
	 * @param notification the notification
	 * @throws IOException when it could not be written: it must not be acknowledged to
	 * Cloudinary
	 */
	void append(AcceptedNotification notification) throws IOException;

	/**
	 * Forgets a notification that was delivered or given up.
	 * @param id its id
	 */
	void ack(String id);

	/**
	 * The notifications this forwarder should deliver now: for a local outbox, what an
	 * earlier run left; for a shared one, new entries and entries another forwarder held
	 * too long.
	 * @param max the most to hand back
	 * @return them, possibly none
	 */
	List<AcceptedNotification> take(int max);

	/**
	 * Whether {@link #take(int)} also hands back what {@link #append} wrote, to whichever
	 * forwarder takes it first (so that the forwarder that appended must not queue it
	 * itself).
	 * @return {@code true} for a shared outbox
	 */
	default boolean shared() {
		return false;
	}

	/**
	 * Tells a shared outbox which notifications this forwarder still holds, so that
	 * others do not take them over.
	 * @param held the ids held
	 * @return the ids this forwarder still owns (the others were taken over and must not
	 * be delivered by it any more)
	 */
	default Set<String> keep(Set<String> held) {
		return held;
	}

	/**
	 * Where the notifications are, for logs.
	 * @return a description without secrets
	 */
	String where();

	@Override
	default void close() {
	}

}
