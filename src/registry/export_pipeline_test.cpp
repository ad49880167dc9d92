#include "registry/export_pipeline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace pilar::registry {
namespace {

// Readers fill slice s with rows "s:i" (i < rows_in(s), several batches each); the writer must
// get every row, in slice order, whatever the threads' timing.
std::size_t rows_in(std::size_t slice) { return (slice * 7) % 11; }  // some slices empty

struct Run {
    std::vector<std::string> written;
    std::size_t most_unwritten = 0;  // batches handed over but not yet written, at most
};

Run run(std::size_t slices, std::size_t readers, OrderedBatchesLimits limits, std::size_t batch_rows) {
    OrderedBatches q(slices, limits);
    std::atomic<std::size_t> unwritten = 0, most = 0;
    std::vector<std::thread> threads;
    for (std::size_t r = 0; r < readers; ++r)
        threads.emplace_back([&] {
            while (auto s = q.claim()) {
                RowBatch b = q.blank(2);
                for (std::size_t i = 0; i < rows_in(*s); ++i) {
                    std::string const tag = std::to_string(*s), text = std::to_string(i);
                    std::array<std::string_view, 2> cells = {tag, text};
                    b.add(cells);
                    if (b.rows() == batch_rows) {
                        auto now = ++unwritten;
                        for (auto m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
                        }
                        if (!q.push(*s, std::move(b))) return;
                        b = q.blank(2);
                    }
                }
                if (b.rows() > 0) {
                    ++unwritten;
                    if (!q.push(*s, std::move(b))) return;
                }
                q.done(*s, std::nullopt);
            }
        });
    Run out;
    RowBatch b;
    std::array<std::string_view, 2> row;
    while (q.pop(b).value()) {
        --unwritten;
        for (std::size_t i = 0; i < b.rows(); ++i) {
            b.row(i, row);
            out.written.push_back(std::string(row[0]) + ":" + std::string(row[1]));
        }
        q.recycle(std::move(b));
    }
    for (auto& t : threads) t.join();
    out.most_unwritten = most;
    return out;
}

TEST(OrderedBatches, TheWriterGetsEveryRowInSliceOrderWhateverTheReaders) {
    std::vector<std::string> want;
    for (std::size_t s = 0; s < 40; ++s)
        for (std::size_t i = 0; i < rows_in(s); ++i) want.push_back(std::to_string(s) + ":" + std::to_string(i));
    for (std::size_t readers : {1, 2, 3})
        for (std::size_t batch : {1, 3, 100}) {
            auto got = run(40, readers, {.window = readers + 1, .depth = 2}, batch);
            EXPECT_EQ(got.written, want) << readers << " readers, batches of " << batch;
            // Bounded: at most window slices of depth batches wait, plus one being pushed per reader
            // and the one the writer has just taken.
            EXPECT_LE(got.most_unwritten, (readers + 1) * 2 + readers + 1) << readers << " readers, batches of " << batch;
        }
}

TEST(OrderedBatches, ASlicesErrorReachesTheWriterAfterEveryRowBeforeIt) {
    OrderedBatches q(3, {.window = 3, .depth = 4});
    std::thread reader([&] {
        while (auto s = q.claim()) {
            RowBatch b = q.blank(1);
            std::array<std::string_view, 1> cell = {"row"};
            b.add(cell);
            if (!q.push(*s, std::move(b))) return;
            if (*s == 1) {
                q.done(*s, Error(ErrorCode::Internal, {"rusak", "damaged"}));
                return;  // a reader stops at its error
            }
            q.done(*s, std::nullopt);
        }
    });
    RowBatch b;
    ASSERT_TRUE(q.pop(b).value());  // slice 0
    ASSERT_TRUE(q.pop(b).value());  // slice 1's row, written before its error
    auto end = q.pop(b);
    ASSERT_FALSE(end);
    EXPECT_EQ(end.error().message.en, "damaged");
    q.cancel();
    reader.join();
}

TEST(OrderedBatches, CancelWakesAReaderWaitingForRoom) {
    OrderedBatches q(2, {.window = 2, .depth = 1});
    std::atomic<bool> stopped = false;
    std::thread reader([&] {
        auto s = q.claim();
        ASSERT_TRUE(s);
        for (;;) {  // the writer never takes anything: the second push waits until cancel()
            RowBatch b = q.blank(1);
            std::array<std::string_view, 1> cell = {"row"};
            b.add(cell);
            if (!q.push(*s, std::move(b))) break;
        }
        stopped = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(stopped);
    q.cancel();  // what the writer does when its file cannot be written
    reader.join();
    EXPECT_TRUE(stopped);
    EXPECT_FALSE(q.claim()) << "nothing more is handed out after cancel()";
}

}  // namespace
}  // namespace pilar::registry
