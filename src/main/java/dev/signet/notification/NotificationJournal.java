package dev.signet.notification;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.signet.assets.Arrival;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The local journal of accepted notifications not yet delivered: one file per
 * notification, written to a temporary file, forced to disk and renamed atomically before
 * Cloudinary gets its 200; deleted once delivered (or given up and dead-lettered); read
 * again at startup so that a process killed with notifications pending delivers them when
 * it runs next. The local {@link NotificationOutbox}.
 *
 * @author Signet developers
 */
class NotificationJournal implements NotificationOutbox {

	private static final Log log = LogFactory.getLog(NotificationJournal.class);

	private static final String SUFFIX = ".entry";

	private final Path dir;

	NotificationJournal(Path dir) {
		this.dir = dir;
	}

	Path dir() {
		return this.dir;
	}

	@Override
	public void append(AcceptedNotification notification) throws IOException {
		write(notification);
	}

	@Override
	public void ack(String id) {
		delete(id);
	}

	@Override
	public List<AcceptedNotification> take(int max) {
		List<AcceptedNotification> all = pending();
		return (all.size() <= max) ? all : all.subList(0, max);
	}

	@Override
	public String where() {
		return "the journal " + this.dir;
	}

	/**
	 * Writes a notification durably.
	 * @param notification the notification
	 * @throws IOException when it could not be written: the notification must not be
	 * acknowledged
	 */
	void write(AcceptedNotification notification) throws IOException {
		Files.createDirectories(this.dir);
		Path entry = this.dir.resolve(notification.id() + SUFFIX);
		Path temp = this.dir.resolve(notification.id() + ".tmp");
		byte[] bytes = encode(notification);
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		try {
			Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
		}
		forceDirectory();
	}

	/**
	 * Forgets a delivered notification.
	 * @param id its id
	 */
	void delete(String id) {
		try {
			Files.deleteIfExists(this.dir.resolve(id + SUFFIX));
		}
		catch (IOException ex) {
			log.warn("Could not delete journal entry " + id + " in " + this.dir
					+ "; it will be delivered again at the next start: " + ex);
		}
	}

	/**
	 * The notifications written and not yet deleted.
	 * @return them, in no particular order
	 */
	List<AcceptedNotification> pending() {
		List<AcceptedNotification> pending = new ArrayList<>();
		if (!Files.isDirectory(this.dir)) {
			return pending;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.dir, "*" + SUFFIX)) {
			for (Path entry : entries) {
				try {
					pending.add(decode(Files.readAllBytes(entry)));
				}
				catch (IOException | RuntimeException ex) {
					log.error("Could not read journal entry " + entry + " (left in place): " + ex);
				}
			}
		}
		catch (IOException ex) {
			log.error("Could not read the notification journal " + this.dir + ": " + ex);
		}
		return pending;
	}

	private void forceDirectory() {
		try (FileChannel channel = FileChannel.open(this.dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// Not every platform lets a directory be opened; the rename is still atomic.
		}
	}

	static byte[] encode(AcceptedNotification n) {
		StringBuilder out = new StringBuilder();
		line(out, "id", n.id());
		line(out, "account", n.account());
		line(out, "api_key", n.apiKey());
		line(out, "content_type", n.contentType());
		line(out, "signature", n.signature());
		line(out, "timestamp", n.timestamp());
		Arrival a = n.arrival();
		if (a != null) {
			line(out, "upload_id", a.uploadId());
			line(out, "caller", a.caller());
			line(out, "profile", a.profile());
			line(out, "verdict", a.verdict());
			line(out, "reason", a.reason());
		}
		line(out, "body", Base64.getEncoder().encodeToString(n.body()));
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void line(StringBuilder out, String name, @Nullable String value) {
		if (value != null) {
			out.append(name)
				.append('=')
				.append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
				.append('\n');
		}
	}

	static AcceptedNotification decode(byte[] bytes) {
		Map<String, String> fields = new HashMap<>();
		for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				fields.put(line.substring(0, eq),
						new String(Base64.getDecoder().decode(line.substring(eq + 1)), StandardCharsets.UTF_8));
			}
		}
		if (!fields.containsKey("body")) {
			throw new IllegalArgumentException("incomplete entry");
		}
		Arrival arrival = fields.containsKey("upload_id") ? new Arrival(fields.get("upload_id"), fields.get("caller"),
				fields.get("profile"), fields.get("verdict"), fields.get("reason")) : null;
		return new AcceptedNotification(require(fields, "id"), require(fields, "account"), require(fields, "api_key"),
				Base64.getDecoder().decode(fields.get("body")), fields.get("content_type"),
				require(fields, "signature"), require(fields, "timestamp"), arrival);
	}

	private static String require(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null) {
			throw new IllegalArgumentException("no " + name);
		}
		return value;
	}

}
