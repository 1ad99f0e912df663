package dev.signet.assets;

/**
 * The bytes each caller uploaded through each profile per UTC day
 * ({@code max-bytes-per-day}): in process, or in the shared Redis. Each upload counts
 * once, however often its arrival is reported.
 *
 * @author Signet developers
 */
public interface ByteQuota {

	/**
	 * Counts an upload's bytes, once per upload id.
	 * @param owner the record's owner digest
	 * @param profile the profile
	 * @param epochDay the UTC day the asset arrived ({@code LocalDate.toEpochDay()})
	 * @param uploadId the upload id
	 * @param bytes the asset's bytes
	 * @return the bytes counted for the owner, profile and day after this one
	 * @throws UploadRecordStore.Unavailable when the store cannot answer
	 */
	long add(String owner, String profile, long epochDay, String uploadId, long bytes);

	/**
	 * The bytes counted so far.
	 * @param owner the owner digest
	 * @param profile the profile
	 * @param epochDay the UTC day
	 * @return the bytes counted
	 * @throws UploadRecordStore.Unavailable when the store cannot answer
	 */
	long used(String owner, String profile, long epochDay);

}
