package dev.signet.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Forwards accepted notifications to the internal URL, retrying with exponential backoff
 * and jitter. A notification is never dropped silently: one that still fails after the
 * last attempt, or that is pending at shutdown after the grace period, is logged at ERROR
 * with its id, counted in {@code signet.notifications.forward.failed} and, when a
 * dead-letter directory is set, written there for a manual replay. With a
 * {@link NotificationOutbox}, each notification is written to it before it is
 * acknowledged and removed once delivered or given up; pending ones survive a stop or a
 * kill and are delivered at the next start (local {@link NotificationJournal}) or by
 * whichever replica takes them first (shared {@link RedisNotificationOutbox}, polled by a
 * thread of its own), with the same id (at least once). When a shared outbox cannot take
 * a notification, the fallback journal does, and this replica delivers it.
 *
 * @author Signet developers
 */
class NotificationForwarder implements AutoCloseable {

	private static final Log log = LogFactory.getLog(NotificationForwarder.class);

	private final URI target;

	private final NotificationProperties.Forward policy;

	private final HttpClient client;

	private final ScheduledThreadPoolExecutor executor;

	private final Map<String, Attempt> pending = new ConcurrentHashMap<>();

	private final Counter forwarded;

	private final Counter retried;

	private final MeterRegistry meters;

	private final @Nullable ForwardSignature signature;

	private final @Nullable NotificationOutbox outbox;

	private final @Nullable NotificationOutbox fallback;

	private final @Nullable Thread poller;

	NotificationForwarder(URI target, NotificationProperties.Forward policy, MeterRegistry meters) {
		this(target, policy, null, meters);
	}

	/**
	 * A forwarder that writes every notification to a journal before acknowledging it and
	 * delivers, at start, what the journal holds from an earlier run.
	 * @param target the internal URL
	 * @param policy retries and bounds
	 * @param journal the journal, or {@code null} to keep pending notifications in memory
	 * only
	 * @param meters metrics
	 */
	NotificationForwarder(URI target, NotificationProperties.Forward policy, @Nullable NotificationOutbox journal,
			MeterRegistry meters) {
		this(target, policy, journal, null, meters);
	}

	/**
	 * A forwarder that writes every notification to an outbox before acknowledging it.
	 * @param target the internal URL
	 * @param policy retries and bounds
	 * @param outbox the outbox, or {@code null} to keep pending notifications in memory
	 * only
	 * @param fallback where notifications go when a shared outbox cannot take them, or
	 * {@code null} (Cloudinary then gets 503 and retries)
	 * @param meters metrics
	 */
	NotificationForwarder(URI target, NotificationProperties.Forward policy, @Nullable NotificationOutbox outbox,
			@Nullable NotificationOutbox fallback, MeterRegistry meters) {
		this.outbox = outbox;
		this.fallback = fallback;
		this.target = target;
		this.signature = (policy.signingKey() != null) ? new ForwardSignature(policy.signingKey()) : null;
		this.policy = policy;
		this.meters = meters;
		this.client = HttpClient.newBuilder()
			.connectTimeout(policy.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ScheduledThreadPoolExecutor(policy.threads(), (task) -> {
			Thread thread = new Thread(task, "signet-notification-forward-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.forwarded = Counter.builder("signet.notifications.forwarded")
			.description("Notifications delivered to the internal URL")
			.register(meters);
		this.retried = Counter.builder("signet.notifications.forward.retries")
			.description("Forwarding attempts that failed and were scheduled again")
			.register(meters);
		Gauge.builder("signet.notifications.forward.pending", this.pending, Map::size)
			.description("Accepted notifications not yet delivered")
			.register(meters);
		for (NotificationOutbox local : new NotificationOutbox[] { outbox, fallback }) {
			if (local != null && !local.shared()) {
				List<AcceptedNotification> earlier = local.take(Integer.MAX_VALUE);
				if (!earlier.isEmpty()) {
					log.info("Delivering " + earlier.size() + " notification(s) accepted before the last stop, from "
							+ local.where());
				}
				for (AcceptedNotification notification : earlier) {
					queue(notification, local);
				}
			}
		}
		if (outbox != null && outbox.shared()) {
			Thread thread = new Thread(() -> poll(outbox), "signet-notification-outbox");
			thread.setDaemon(true);
			this.poller = thread;
			thread.start();
		}
		else {
			this.poller = null;
		}
	}

	private void poll(NotificationOutbox shared) {
		long quietUntil = 0;
		while (!this.executor.isShutdown() && !Thread.currentThread().isInterrupted()) {
			try {
				Set<String> held = new HashSet<>();
				this.pending.forEach((id, attempt) -> {
					if (attempt.store == shared) {
						held.add(id);
					}
				});
				Set<String> kept = shared.keep(held);
				for (String id : held) {
					if (!kept.contains(id)) {
						this.pending.remove(id);
					}
				}
				int free = this.policy.queueCapacity() - this.pending.size();
				if (free <= 0) {
					Thread.sleep(100);
					continue;
				}
				for (AcceptedNotification notification : shared.take(Math.min(free, 100))) {
					queue(notification, shared);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				if (this.executor.isShutdown()) {
					return;
				}
				if (System.nanoTime() - quietUntil >= 0) {
					log.warn("Could not read " + shared.where() + " (retrying every second): " + ex);
					quietUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
				}
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	/**
	 * Queues a notification for forwarding.
	 * @param notification the notification
	 * @return {@code false} when the queue is full or shutting down: the caller must not
	 * acknowledge the notification
	 */
	boolean submit(AcceptedNotification notification) {
		if (this.executor.isShutdown() || this.pending.size() >= this.policy.queueCapacity()) {
			return false;
		}
		if (this.pending.containsKey(notification.id())) {
			return true;
		}
		NotificationOutbox store = this.outbox;
		if (store != null && store.shared()) {
			try {
				store.append(notification);
				return true;
			}
			catch (IOException ex) {
				if (this.fallback == null) {
					log.error("Could not write notification " + notification.id() + " to " + store.where()
							+ " (Cloudinary gets 503 and retries): " + ex);
					return false;
				}
				log.warn("Could not write notification " + notification.id() + " to " + store.where()
						+ "; this replica keeps it in " + this.fallback.where() + " and delivers it: " + ex);
				store = this.fallback;
			}
		}
		if (store != null) {
			try {
				store.append(notification);
			}
			catch (IOException ex) {
				log.error("Could not write notification " + notification.id() + " to " + store.where()
						+ " (Cloudinary gets 503 and retries): " + ex);
				return false;
			}
		}
		if (!queue(notification, store)) {
			if (store != null) {
				store.ack(notification.id());
			}
			return false;
		}
		return true;
	}

	private boolean queue(AcceptedNotification notification, @Nullable NotificationOutbox store) {
		Attempt first = new Attempt(notification, 1, store);
		if (this.pending.putIfAbsent(notification.id(), first) != null) {
			return true;
		}
		try {
			this.executor.execute(first);
			return true;
		}
		catch (RuntimeException ex) {
			this.pending.remove(notification.id());
			return false;
		}
	}

	/**
	 * Stops at once as a kill would: no grace, no give-up, the journal left as it is. For
	 * tests of what the next start delivers.
	 */
	void halt() {
		this.executor.shutdownNow();
		if (this.poller != null) {
			this.poller.interrupt();
		}
	}

	int pending() {
		return this.pending.size();
	}

	private void attempt(Attempt attempt) {
		if (this.pending.get(attempt.notification.id()) != attempt) {
			// Taken over by another replica, or already delivered.
			return;
		}
		String failure;
		try {
			HttpResponse<Void> response = this.client.send(request(attempt.notification),
					HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() >= 200 && response.statusCode() < 300) {
				if (attempt.store != null) {
					attempt.store.ack(attempt.notification.id());
				}
				this.pending.remove(attempt.notification.id());
				this.forwarded.increment();
				log.info("Forwarded notification " + attempt.notification.id() + " (attempt " + attempt.number + ")");
				return;
			}
			failure = "HTTP " + response.statusCode();
		}
		catch (IOException ex) {
			failure = ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (attempt.store == null) {
				giveUp(attempt, "interrupted at shutdown", "shutdown");
			}
			return;
		}
		if (attempt.number >= this.policy.maxAttempts()) {
			giveUp(attempt, failure, "exhausted");
			return;
		}
		Duration delay = backoff(attempt.number);
		this.retried.increment();
		log.warn("Forwarding notification " + attempt.notification.id() + " failed (" + failure + ", attempt "
				+ attempt.number + " of " + this.policy.maxAttempts() + "); retrying in " + delay.toMillis() + " ms");
		Attempt next = new Attempt(attempt.notification, attempt.number + 1, attempt.store);
		if (!this.pending.replace(attempt.notification.id(), attempt, next)) {
			return;
		}
		try {
			this.executor.schedule(next, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			if (attempt.store == null) {
				giveUp(attempt, failure + ", then shutdown", "shutdown");
			}
		}
	}

	private HttpRequest request(AcceptedNotification notification) {
		String contentType = (notification.contentType() != null) ? notification.contentType() : "application/json";
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.target);
		Map<String, String> signed = ForwardSignature.headers(notification.id(), notification.arrival());
		signed.forEach(builder::header);
		if (this.signature != null) {
			builder.header(ForwardSignature.SIGNATURE,
					this.signature.sign(Instant.now().getEpochSecond(), signed, notification.body()));
		}
		return builder.timeout(this.policy.timeout())
			.header("Content-Type", contentType)
			.header("X-Cld-Signature", notification.signature())
			.header("X-Cld-Timestamp", notification.timestamp())
			.header("X-Signet-Notification-Id", notification.id())
			.header("X-Signet-Account", notification.account())
			.header("X-Signet-Api-Key", notification.apiKey())
			.POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
			.build();
	}

	Duration backoff(int failedAttempts) {
		long initial = this.policy.initialBackoff().toMillis();
		long max = this.policy.maxBackoff().toMillis();
		long exponential = (failedAttempts >= 31) ? max : Math.min(max, initial << (failedAttempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	private void giveUp(Attempt attempt, String failure, String reason) {
		if (!this.pending.remove(attempt.notification.id(), attempt)) {
			return;
		}
		AcceptedNotification notification = attempt.notification;
		Path written = deadLetter(notification, failure, attempt.number);
		if (attempt.store != null) {
			attempt.store.ack(notification.id());
		}
		// Counted once the dead letter is written, so that whoever watches the counter
		// finds the file.
		Counter.builder("signet.notifications.forward.failed")
			.description("Accepted notifications that could not be delivered")
			.tag("reason", reason)
			.register(this.meters)
			.increment();
		log.error("Gave up forwarding notification " + notification.id() + " of account '" + notification.account()
				+ "' (X-Cld-Timestamp " + notification.timestamp() + ", " + notification.body().length
				+ " bytes) after " + attempt.number + " attempt(s): " + failure
				+ ((written != null) ? "; written to " + written + " for a manual replay" : ""));
	}

	private @Nullable Path deadLetter(AcceptedNotification notification, String failure, int attempts) {
		Path dir = this.policy.deadLetterDir();
		if (dir == null) {
			return null;
		}
		try {
			Files.createDirectories(dir);
			Path body = dir.resolve(notification.id() + ".body");
			Files.write(body, notification.body());
			String meta = "id=" + notification.id() + "\naccount=" + notification.account() + "\napi_key="
					+ notification.apiKey() + "\nx_cld_signature=" + notification.signature() + "\nx_cld_timestamp="
					+ notification.timestamp() + "\ncontent_type=" + notification.contentType() + "\nattempts="
					+ attempts + "\nlast_failure=" + failure + "\ngiven_up_at=" + Instant.now() + "\n";
			Files.writeString(dir.resolve(notification.id() + ".properties"), meta, StandardCharsets.UTF_8);
			return body;
		}
		catch (IOException ex) {
			log.error("Could not write notification " + notification.id() + " to " + dir + ": " + ex);
			return null;
		}
	}

	/**
	 * Stops accepting, waits up to the grace period for pending notifications, then gives
	 * up on (logs, counts and dead-letters) the ones left.
	 */
	@Override
	public void close() {
		long deadline = System.nanoTime() + this.policy.shutdownGrace().toNanos();
		while (!this.pending.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.executor.shutdownNow();
		if (this.poller != null) {
			this.poller.interrupt();
		}
		try {
			this.executor.awaitTermination(this.policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
			if (this.poller != null) {
				this.poller.join(this.policy.timeout().toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (Attempt attempt : List.copyOf(this.pending.values())) {
			if (attempt.store == null) {
				giveUp(attempt, "still pending at shutdown", "shutdown");
			}
			else {
				log.warn("Notification " + attempt.notification.id() + " still pending at shutdown stays in "
						+ attempt.store.where() + " and is delivered when a forwarder runs next");
			}
		}
		this.pending.clear();
		for (NotificationOutbox store : new NotificationOutbox[] { this.outbox, this.fallback }) {
			if (store != null) {
				store.close();
			}
		}
	}

	private final class Attempt implements Runnable {

		private final AcceptedNotification notification;

		private final int number;

		private final @Nullable NotificationOutbox store;

		Attempt(AcceptedNotification notification, int number, @Nullable NotificationOutbox store) {
			this.notification = notification;
			this.number = number;
			this.store = store;
		}

		@Override
		public void run() {
			attempt(this);
		}

	}

}
