package org.cryoj.io.star;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A growable byte buffer that drains into a stream when it gets large (or keeps all, without one). */
final class ByteSink {
    private final OutputStream out;
    private byte[] buf;
    private int pos;

    ByteSink(OutputStream out, int capacity) {
        this.out = out;
        this.buf = new byte[capacity];
    }

    private void room(int n) {
        if (pos + n <= buf.length) return;
        if (out != null) {
            flush();
            if (n <= buf.length) return;
        }
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    /** Makes sure the next {@code n} bytes go in without a flush, so {@link #padLeft} can see them. */
    void reserve(int n) { room(n); }

    void flush() {
        if (out == null || pos == 0) return;
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    int put(char c) {
        room(1);
        buf[pos++] = (byte) c;
        return 1;
    }

    int spaces(int n) {
        if (n <= 0) return 0;
        room(n);
        for (int i = 0; i < n; i++) buf[pos++] = ' ';
        return n;
    }

    int ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) buf[pos++] = (byte) s.charAt(i);
        return n;
    }

    int bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return b.length;
    }

    /** A non-negative long in decimal. */
    int digits(long v) {
        room(20);
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i]; buf[i] = buf[j]; buf[j] = t;
        }
        return pos - start;
    }

    /** Moves the last {@code n} bytes right by {@code pad} spaces (right alignment after the fact). */
    void padLeft(int n, int pad) {
        if (pad <= 0) return;
        room(pad);
        System.arraycopy(buf, pos - n, buf, pos - n + pad, n);
        for (int i = 0; i < pad; i++) buf[pos - n + i] = ' ';
        pos += pad;
    }

    @Override
    public String toString() { return new String(buf, 0, pos, StandardCharsets.UTF_8); }
}
