package dev.signet.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Remembers accepted notifications in this replica's memory, at most {@code maxEntries}
 * of them. Every entry lives as long, so insertion order is expiry order: expired entries
 * are dropped from the head, and when the store is full the oldest is evicted early (and
 * counted) rather than refuse new notifications.
 *
 * @author Signet developers
 */
class InMemoryReplayStore implements ReplayStore {

	private static final Log log = LogFactory.getLog(InMemoryReplayStore.class);

	private final Map<String, Long> expiries = new LinkedHashMap<>();

	private final int maxEntries;

	private final Clock clock;

	private final Counter evicted;

	InMemoryReplayStore(int maxEntries, Clock clock, MeterRegistry meters) {
		this.maxEntries = maxEntries;
		this.clock = clock;
		this.evicted = Counter.builder("signet.notifications.replay.evicted")
			.description("Notifications forgotten before the end of the window because the store was full")
			.register(meters);
	}

	@Override
	public synchronized boolean markFirstSeen(String id, Duration ttl) {
		long now = this.clock.millis();
		Iterator<Map.Entry<String, Long>> entries = this.expiries.entrySet().iterator();
		while (entries.hasNext() && entries.next().getValue() <= now) {
			entries.remove();
		}
		Long expiry = this.expiries.get(id);
		if (expiry != null) {
			return false;
		}
		if (this.expiries.size() >= this.maxEntries) {
			Iterator<String> oldest = this.expiries.keySet().iterator();
			oldest.next();
			oldest.remove();
			this.evicted.increment();
			log.warn("The in-memory replay store is full (" + this.maxEntries + " notifications): forgot the oldest "
					+ "early; raise signet.notifications.replay.max-entries or configure Redis");
		}
		this.expiries.put(id, now + ttl.toMillis());
		return true;
	}

	@Override
	public synchronized void forget(String id) {
		this.expiries.remove(id);
	}

	synchronized int size() {
		return this.expiries.size();
	}

}
