package dev.signet.assets;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The {@link UploadRecordStore} in process, for one replica: at most
 * {@code signet.assets.max-records} records, each kept until its expiry plus the
 * retention. When full, the oldest record goes (in O(1): records expire roughly in the
 * order they were signed, so the oldest is the one most likely expired already).
 *
 * @author Signet developers
 */
public final class LocalUploadRecordStore implements UploadRecordStore {

	private final Map<String, UploadRecord> records = new ConcurrentHashMap<>();

	private final Map<String, String> byPublicId = new ConcurrentHashMap<>();

	// Ids in the order they were created; guarded by this.
	private final LinkedHashSet<String> order = new LinkedHashSet<>();

	private final int maxRecords;

	private final long retentionSeconds;

	private final Clock clock;

	/**
	 * A store.
	 * @param properties the bound and the retention
	 * @param clock the clock of the TTLs
	 */
	public LocalUploadRecordStore(AssetsProperties properties, Clock clock) {
		this.maxRecords = properties.maxRecords();
		this.retentionSeconds = properties.retention().toSeconds();
		this.clock = clock;
	}

	@Override
	public synchronized void create(UploadRecord record) {
		if (!this.records.containsKey(record.id()) && this.records.size() >= this.maxRecords) {
			evict();
		}
		this.records.put(record.id(), record);
		this.order.add(record.id());
		if (UploadRecord.TIE_PUBLIC_ID.equals(record.tie()) && record.publicId() != null) {
			this.byPublicId.putIfAbsent(indexKey(record.account(), record.publicId()), record.id());
		}
	}

	@Override
	public @Nullable UploadRecord find(String id) {
		UploadRecord record = this.records.get(id);
		if (record == null) {
			return null;
		}
		if (gone(record, now())) {
			remove(record);
			return null;
		}
		return record;
	}

	@Override
	public @Nullable String findByPublicId(String account, String publicId) {
		String id = this.byPublicId.get(indexKey(account, publicId));
		return (id != null && find(id) != null) ? id : null;
	}

	@Override
	public @Nullable UploadRecord update(String id, UnaryOperator<UploadRecord> change) {
		if (find(id) == null) {
			return null;
		}
		return this.records.computeIfPresent(id, (key, current) -> change.apply(current));
	}

	/**
	 * How many records are held now.
	 * @return the count
	 */
	public int size() {
		return this.records.size();
	}

	private synchronized void evict() {
		Iterator<String> oldest = this.order.iterator();
		while (oldest.hasNext()) {
			String id = oldest.next();
			oldest.remove();
			UploadRecord record = this.records.get(id);
			if (record != null) {
				remove(record);
				return;
			}
		}
	}

	private synchronized void remove(UploadRecord record) {
		if (this.records.remove(record.id(), record)) {
			this.order.remove(record.id());
		}
		unindex(record);
	}

	private void unindex(UploadRecord record) {
		if (record.publicId() != null) {
			this.byPublicId.remove(indexKey(record.account(), record.publicId()), record.id());
		}
	}

	private boolean gone(UploadRecord record, long now) {
		return now > record.expiresAt() + this.retentionSeconds;
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	private static String indexKey(String account, String publicId) {
		return account + "\n" + publicId;
	}

}
