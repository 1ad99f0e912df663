package dev.signet.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and parses {@code multipart/form-data} bodies as browsers and Cloudinary do.
 *
 * @author Signet developers
 */
public final class Multipart {

	private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

	private Multipart() {
	}

	/**
	 * Parses a body into fields; a field named {@code x[]} given several times becomes a
	 * list under {@code x}, as Cloudinary reads {@code tags[]}. File parts are kept as
	 * {@code byte[]}.
	 * @param body the body
	 * @param contentType the Content-Type header with its boundary
	 * @return the fields
	 */
	public static Map<String, Object> parse(byte[] body, String contentType) {
		String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9);
		String text = new String(body, StandardCharsets.ISO_8859_1);
		Map<String, Object> fields = new LinkedHashMap<>();
		for (String part : text.split(Pattern.quote(boundary))) {
			int headerEnd = part.indexOf("\r\n\r\n");
			if (headerEnd < 0) {
				continue;
			}
			String headers = part.substring(0, headerEnd);
			Matcher name = NAME.matcher(headers);
			if (!name.find()) {
				continue;
			}
			String raw = part.substring(headerEnd + 4, part.length() - 2);
			String field = name.group(1);
			if (headers.contains("filename=")) {
				fields.put(field, raw.getBytes(StandardCharsets.ISO_8859_1));
				continue;
			}
			String value = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
			if (field.endsWith("[]")) {
				@SuppressWarnings("unchecked")
				List<String> list = (List<String>) fields.computeIfAbsent(field.substring(0, field.length() - 2),
						(k) -> new ArrayList<String>());
				list.add(value);
			}
			else {
				fields.put(field, value);
			}
		}
		return fields;
	}

	/**
	 * Builds a body.
	 * @param fields text fields
	 * @param fileName the file's name
	 * @param file the file's bytes
	 * @return the boundary and the body
	 */
	public static Body build(Map<String, String> fields, String fileName, byte[] file) {
		String boundary = "----signet" + UUID.randomUUID();
		StringBuilder text = new StringBuilder();
		fields.forEach((name, value) -> text.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n"));
		text.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName)
			.append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + file.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(file, 0, body, head.length, file.length);
		System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
		return new Body("multipart/form-data; boundary=" + boundary, body);
	}

	/**
	 * A multipart body.
	 *
	 * @param contentType the Content-Type header
	 * @param bytes the body
	 */
	public record Body(String contentType, byte[] bytes) {

	}

}
