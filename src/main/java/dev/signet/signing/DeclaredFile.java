package dev.signet.signing;

import org.jspecify.annotations.Nullable;

/**
 * What a client says about the file it is about to upload, before anything is uploaded:
 * checked against the profile's {@link FileRules}. Cloudinary cannot sign any of it, so
 * it binds nothing on its own; the issue "After the upload" checks what really arrived.
 *
 * @param bytes the file's total size, or {@code null} when not declared
 * @param filename the file's name, or {@code null}
 * @param contentType the file's media type, or {@code null}
 * @author Signet developers
 */
public record DeclaredFile(@Nullable Long bytes, @Nullable String filename, @Nullable String contentType) {

	/** Nothing declared. */
	public static final DeclaredFile NONE = new DeclaredFile(null, null, null);

}
