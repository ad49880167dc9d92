// How an export keeps both cores busy: reader threads (one database connection each, all in one
// snapshot) turn the slices of a scan into batches of rows, and the thread that writes the file
// takes the batches back in slice order. Bounded: a reader may run at most `window` slices ahead
// of the writer and keep at most `depth` unwritten batches per slice, so memory stays flat
// whatever the row count; used batches go back to the readers to be refilled (no allocation per
// row or per batch once warm).
//
//   OrderedBatches q(slices.size(), {.window = 3, .depth = 4});
//   // each reader:  while (auto s = q.claim()) { RowBatch b = q.blank(width); ...; q.push(*s, std::move(b)); ...; q.done(*s, {}); }
//   // the writer:   RowBatch b;  while (PILAR_TRY(q.pop(b))) { write b's rows; q.recycle(std::move(b)); }
//
// An error of a slice reaches the writer when it gets to that slice, after every row before it;
// cancel() (the writer failed) wakes and stops every reader.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar::registry {

// Rows of `width` cells, their bytes back to back.
class RowBatch {
public:
    void reset(std::size_t width) {
        m_width = width;
        m_bytes.clear();
        m_ends.clear();
    }
    void add(std::span<std::string_view const> cells) {
        for (auto c : cells) {
            m_bytes.append(c);
            m_ends.push_back(static_cast<std::uint32_t>(m_bytes.size()));
        }
    }
    std::size_t width() const { return m_width; }
    std::size_t rows() const { return m_width == 0 ? 0 : m_ends.size() / m_width; }
    std::size_t bytes() const { return m_bytes.size(); }
    // Cells of row r into out (out.size() == width()).
    void row(std::size_t r, std::span<std::string_view> out) const {
        std::size_t const first = r * m_width;
        std::uint32_t from = first == 0 ? 0 : m_ends[first - 1];
        for (std::size_t i = 0; i < m_width; ++i) {
            std::uint32_t const to = m_ends[first + i];
            out[i] = std::string_view(m_bytes.data() + from, to - from);
            from = to;
        }
    }

private:
    std::size_t m_width = 0;
    std::string m_bytes;
    std::vector<std::uint32_t> m_ends;  // cell k is m_bytes[m_ends[k - 1], m_ends[k])
};

struct OrderedBatchesLimits {
    std::size_t window = 3;  // slices claimed beyond the one being written
    std::size_t depth = 4;   // unwritten batches per slice
};

class OrderedBatches {
public:
    OrderedBatches(std::size_t slices, OrderedBatchesLimits limits);

    // Readers. claim(): the next slice to read, waiting while it is `window` slices ahead of the
    // writer; nullopt when none is left or after cancel().
    std::optional<std::size_t> claim();
    // A cleared batch to fill (a recycled one when there is).
    RowBatch blank(std::size_t width);
    // Hands a batch of `slice` to the writer, waiting while `depth` of them wait; false after
    // cancel() (the reader should stop).
    bool push(std::size_t slice, RowBatch&& batch);
    // The slice is complete, or failed with `error` (the writer returns it on reaching it).
    void done(std::size_t slice, std::optional<Error> error);

    // The writer. The next batch in order: true with `out` filled, false after the last slice,
    // or the error of the slice reached.
    Result<bool> pop(RowBatch& out);
    void recycle(RowBatch&& batch);
    // Stops the readers (the writer failed or gives up).
    void cancel();

private:
    struct Slot {
        std::deque<RowBatch> batches;
        bool done = false;
        std::optional<Error> error;
    };
    OrderedBatchesLimits m_limits;
    std::mutex m_mutex;
    std::condition_variable m_readers, m_writer;
    std::vector<Slot> m_slots;
    std::vector<RowBatch> m_free;
    std::size_t m_next_claim = 0;
    std::size_t m_writing = 0;  // the slice the writer is at
    bool m_cancelled = false;
};

}  // namespace pilar::registry
