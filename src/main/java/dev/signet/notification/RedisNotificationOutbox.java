package dev.signet.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.signet.redis.RedisConnection;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The outbox shared by every replica: a Redis stream ({@code <key-prefix>stream}) that
 * each accepted notification is added to ({@code XADD}, fields {@code event_id} and
 * {@code entry}, the notification's headers and body as the journal encodes them) before
 * Cloudinary gets its 200, read by one consumer group ({@code signet-forwarders}) that
 * every replica's forwarder joins under a name of its own ({@code XREADGROUP}), and
 * removed ({@code XACK} then {@code XDEL}) once the internal URL answered 2xx or the
 * notification was given up. The entries a consumer read and did not acknowledge stay
 * pending under its name; while it retries it refreshes them ({@code XCLAIM ... JUSTID}),
 * and when it dies, another replica takes them over once they have been idle for
 * {@code claim-idle} ({@code XAUTOCLAIM}). At least once: only a delivery in flight when
 * its replica stopped may be repeated, with the same {@code X-Signet-Event-Id}.
 *
 * @author Signet developers
 */
class RedisNotificationOutbox implements NotificationOutbox {

	private static final Log log = LogFactory.getLog(RedisNotificationOutbox.class);

	/** The consumer group of the forwarders. */
	static final String GROUP = "signet-forwarders";

	private static final String EVENT_ID = "event_id";

	private static final String ENTRY = "entry";

	private final RedisConnection writes;

	private final RedisConnection reads;

	private final String key;

	private final Consumer<String> consumer;

	private final Duration claimIdle;

	private final long blockMillis;

	private final Map<String, String> entries = new ConcurrentHashMap<>();

	private volatile boolean groupReady;

	private volatile long nextClaim;

	private volatile long nextKeep;

	private String claimCursor = "0-0";

	/**
	 * An outbox on a Redis.
	 * @param uri the shared Redis
	 * @param keyPrefix the prefix of its key
	 * @param claimIdle how long an entry a consumer holds may stay untouched before
	 * another takes it over
	 * @param timeout how long a Redis command may take
	 */
	RedisNotificationOutbox(RedisURI uri, String keyPrefix, Duration claimIdle, Duration timeout) {
		this(uri, keyPrefix, claimIdle, timeout, consumerName());
	}

	RedisNotificationOutbox(RedisURI uri, String keyPrefix, Duration claimIdle, Duration timeout, String consumer) {
		uri.setTimeout(timeout);
		this.writes = new RedisConnection(RedisClient.create(uri));
		this.reads = new RedisConnection(RedisClient.create(uri));
		this.key = keyPrefix + "stream";
		this.consumer = Consumer.from(GROUP, consumer);
		this.claimIdle = claimIdle;
		this.blockMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 2));
	}

	private static String consumerName() {
		return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	String consumer() {
		return this.consumer.getName();
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public void append(AcceptedNotification notification) throws IOException {
		try {
			this.writes.commands()
				.xadd(this.key, Map.of(EVENT_ID, notification.id(), ENTRY,
						new String(NotificationJournal.encode(notification), StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			throw new IOException("Redis did not take the notification: " + ex.getMessage(), ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked") // XREADGROUP's varargs of generic stream offsets
	public List<AcceptedNotification> take(int max) {
		if (max < 1) {
			return List.of();
		}
		try {
			ensureGroup();
			List<AcceptedNotification> taken = new ArrayList<>();
			long now = System.nanoTime();
			if (now - this.nextClaim >= 0) {
				ClaimedMessages<String, String> claimed = this.writes.commands()
					.xautoclaim(this.key,
							XAutoClaimArgs.Builder.xautoclaim(this.consumer, this.claimIdle, this.claimCursor)
								.count(max));
				this.claimCursor = claimed.getId();
				if ("0-0".equals(this.claimCursor)) {
					this.nextClaim = now + this.claimIdle.toNanos() / 2;
				}
				for (StreamMessage<String, String> message : claimed.getMessages()) {
					add(message, taken, true);
				}
			}
			if (taken.isEmpty()) {
				List<StreamMessage<String, String>> read = this.reads.commands()
					.xreadgroup(this.consumer, XReadArgs.Builder.count(max).block(this.blockMillis),
							XReadArgs.StreamOffset.lastConsumed(this.key));
				for (StreamMessage<String, String> message : read) {
					add(message, taken, false);
				}
			}
			return taken;
		}
		catch (RuntimeException ex) {
			if (String.valueOf(ex.getMessage()).contains("NOGROUP")) {
				this.groupReady = false;
			}
			throw ex;
		}
	}

	private void add(StreamMessage<String, String> message, List<AcceptedNotification> taken, boolean claimed) {
		Map<String, String> body = message.getBody();
		if (body == null || body.get(ENTRY) == null) {
			// Deleted under a pending entry, or not ours: nothing to deliver.
			this.writes.commands().xack(this.key, GROUP, message.getId());
			return;
		}
		AcceptedNotification notification;
		try {
			notification = NotificationJournal.decode(body.get(ENTRY).getBytes(StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			log.error("Could not read entry " + message.getId() + " of the notification outbox " + this.key
					+ " (acknowledged, left in the stream for inspection): " + ex);
			this.writes.commands().xack(this.key, GROUP, message.getId());
			return;
		}
		String earlier = this.entries.putIfAbsent(notification.id(), message.getId());
		if (earlier != null && !earlier.equals(message.getId())) {
			// The same event written twice: one delivery is enough.
			this.writes.commands().xack(this.key, GROUP, message.getId());
			this.writes.commands().xdel(this.key, message.getId());
			return;
		}
		if (claimed) {
			log.info("Took over notification " + notification.id() + " from a replica that held it for more than "
					+ this.claimIdle.toMillis() + " ms");
		}
		taken.add(notification);
	}

	private void ensureGroup() {
		if (this.groupReady) {
			return;
		}
		try {
			this.writes.commands()
				.xgroupCreate(XReadArgs.StreamOffset.from(this.key, "0"), GROUP, XGroupCreateArgs.Builder.mkstream());
		}
		catch (RuntimeException ex) {
			if (!String.valueOf(ex.getMessage()).contains("BUSYGROUP")) {
				throw ex;
			}
		}
		this.groupReady = true;
	}

	@Override
	public void ack(String id) {
		String entry = this.entries.remove(id);
		if (entry == null) {
			return;
		}
		try {
			RedisCommands<String, String> commands = this.writes.commands();
			commands.xack(this.key, GROUP, entry);
			commands.xdel(this.key, entry);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove notification " + id + " from the outbox " + this.key
					+ "; another replica may deliver it again: " + ex);
		}
	}

	@Override
	public Set<String> keep(Set<String> held) {
		long now = System.nanoTime();
		if (held.isEmpty() || now - this.nextKeep < 0) {
			return held;
		}
		this.nextKeep = now + this.claimIdle.toNanos() / 3;
		try {
			RedisCommands<String, String> commands = this.writes.commands();
			Set<String> owned = new HashSet<>();
			for (PendingMessage pending : commands.xpending(this.key, this.consumer, Range.create("-", "+"),
					Limit.from(Math.max(held.size() * 2L, 100)))) {
				owned.add(pending.getId());
			}
			Set<String> kept = new HashSet<>();
			List<String> refresh = new ArrayList<>();
			for (String id : held) {
				String entry = this.entries.get(id);
				if (entry != null && owned.contains(entry)) {
					kept.add(id);
					refresh.add(entry);
				}
				else if (entry != null) {
					this.entries.remove(id);
					log.warn("Notification " + id + " was taken over by another replica; this one stops delivering it");
				}
			}
			if (!refresh.isEmpty()) {
				commands.xclaim(this.key, this.consumer, XClaimArgs.Builder.justid().minIdleTime(0),
						refresh.toArray(String[]::new));
			}
			return kept;
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh the notifications this replica holds in " + this.key + ": " + ex);
			return held;
		}
	}

	@Override
	public String where() {
		return "the Redis stream " + this.key + " (consumer group " + GROUP + ", consumer " + this.consumer.getName()
				+ ")";
	}

	@Override
	public void close() {
		this.reads.close();
		this.writes.close();
	}

}
