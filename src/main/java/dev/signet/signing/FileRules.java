package dev.signet.signing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.signet.refusal.ParameterProblem;
import org.jspecify.annotations.Nullable;

/**
 * A profile's rules for the file itself, which Cloudinary cannot sign: the largest size
 * ({@code max-bytes}) and the formats ({@code formats}, Cloudinary's format names).
 * Upload sessions check them against what the client declares; a declared name or media
 * type must map to a listed format.
 *
 * @param maxBytes the largest file, or {@code null} for any size
 * @param formats the allowed formats, kept sorted so that texts list them in one order;
 * empty for any
 * @author Signet developers
 */
public record FileRules(@Nullable Long maxBytes, Set<String> formats) {

	/** File extensions that Cloudinary names by another format. */
	private static final Map<String, String> EXTENSIONS = Map.of("jpeg", "jpg", "jpe", "jpg", "tif", "tiff", "jfif",
			"jpg", "htm", "html", "m4v", "mp4");

	/** Media types and the format Cloudinary gives such a file. */
	private static final Map<String, String> MEDIA_TYPES = mediaTypes();

	public FileRules {
		formats = Collections.unmodifiableSortedSet(new TreeSet<>(formats));
	}

	/**
	 * Whether any rule is set.
	 * @return true when size or formats are restricted
	 */
	public boolean restricts() {
		return this.maxBytes != null || !this.formats.isEmpty();
	}

	/**
	 * Checks what a client declares.
	 * @param profile the profile's name, for the texts
	 * @param file the declaration
	 * @return the problems, empty when the declaration passes
	 */
	public List<ParameterProblem> check(String profile, DeclaredFile file) {
		List<ParameterProblem> problems = new ArrayList<>();
		if (this.maxBytes != null) {
			if (file.bytes() == null) {
				problems.add(new ParameterProblem("bytes", ParameterProblem.MISSING, "the profile '" + profile
						+ "' accepts files of at most " + this.maxBytes + " bytes: declare the file's size"));
			}
			else if (file.bytes() > this.maxBytes) {
				problems.add(new ParameterProblem("bytes", ParameterProblem.INVALID_VALUE,
						"the profile '" + profile + "' accepts files of at most " + this.maxBytes + " bytes"));
			}
		}
		if (!this.formats.isEmpty()) {
			String allowed = String.join(", ", this.formats);
			if (file.filename() == null && file.contentType() == null) {
				problems.add(new ParameterProblem("filename", ParameterProblem.MISSING, "the profile '" + profile
						+ "' accepts only " + allowed + ": declare the filename or the content_type"));
			}
			if (file.filename() != null) {
				String format = formatOfName(file.filename());
				if (format == null || !this.formats.contains(format)) {
					problems.add(new ParameterProblem("filename", ParameterProblem.INVALID_VALUE,
							"the profile '" + profile + "' accepts only " + allowed + " files"));
				}
			}
			if (file.contentType() != null) {
				String format = formatOfMediaType(file.contentType());
				if (format == null || !this.formats.contains(format)) {
					problems.add(new ParameterProblem("content_type", ParameterProblem.INVALID_VALUE,
							"the profile '" + profile + "' accepts only " + allowed + " files"));
				}
			}
		}
		return problems;
	}

	/**
	 * The limits, for a refusal's properties.
	 * @return {@code max_bytes} and {@code formats} where set
	 */
	public Map<String, Object> describe() {
		Map<String, Object> limits = new LinkedHashMap<>();
		if (this.maxBytes != null) {
			limits.put("max_bytes", this.maxBytes);
		}
		if (!this.formats.isEmpty()) {
			limits.put("formats", List.copyOf(this.formats));
		}
		return limits;
	}

	/**
	 * The Cloudinary format of a file name: its extension, lowercased, with Cloudinary's
	 * own names for a few ({@code jpeg} is {@code jpg}).
	 * @param filename the name
	 * @return the format, or {@code null} when the name has no extension
	 */
	static @Nullable String formatOfName(String filename) {
		int dot = filename.lastIndexOf('.');
		if (dot < 0 || dot == filename.length() - 1) {
			return null;
		}
		String extension = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
		return EXTENSIONS.getOrDefault(extension, extension);
	}

	/**
	 * The Cloudinary format of a media type.
	 * @param contentType the type, parameters allowed
	 * @return the format, or {@code null} for a type Signet does not know
	 */
	static @Nullable String formatOfMediaType(String contentType) {
		int semicolon = contentType.indexOf(';');
		String type = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim()
			.toLowerCase(Locale.ROOT);
		return MEDIA_TYPES.get(type);
	}

	/**
	 * Whether a format name is written as Cloudinary writes them.
	 * @param format the name
	 * @return true for lowercase letters and digits, at most 10
	 */
	static boolean isFormatName(String format) {
		return format.matches("[a-z0-9]{1,10}");
	}

	private static Map<String, String> mediaTypes() {
		Map<String, String> types = new LinkedHashMap<>();
		String[][] pairs = { { "image/jpeg", "jpg" }, { "image/pjpeg", "jpg" }, { "image/png", "png" },
				{ "image/gif", "gif" }, { "image/webp", "webp" }, { "image/avif", "avif" }, { "image/heic", "heic" },
				{ "image/heif", "heif" }, { "image/svg+xml", "svg" }, { "image/tiff", "tiff" }, { "image/bmp", "bmp" },
				{ "image/x-icon", "ico" }, { "image/vnd.microsoft.icon", "ico" }, { "image/jxl", "jxl" },
				{ "video/mp4", "mp4" }, { "video/quicktime", "mov" }, { "video/webm", "webm" },
				{ "video/x-msvideo", "avi" }, { "video/x-matroska", "mkv" }, { "video/mpeg", "mpeg" },
				{ "video/3gpp", "3gp" }, { "video/ogg", "ogv" }, { "audio/mpeg", "mp3" }, { "audio/mp4", "m4a" },
				{ "audio/wav", "wav" }, { "audio/x-wav", "wav" }, { "audio/ogg", "ogg" }, { "audio/flac", "flac" },
				{ "audio/aac", "aac" }, { "application/pdf", "pdf" }, { "application/zip", "zip" },
				{ "text/plain", "txt" }, { "text/csv", "csv" }, { "application/json", "json" } };
		for (String[] pair : pairs) {
			types.put(pair[0], pair[1]);
		}
		return Map.copyOf(types);
	}

}
