#include "registry/export_pipeline.hpp"

namespace pilar::registry {

OrderedBatches::OrderedBatches(std::size_t slices, OrderedBatchesLimits limits) : m_limits(limits), m_slots(slices) {
    if (m_limits.window == 0) m_limits.window = 1;
    if (m_limits.depth == 0) m_limits.depth = 1;
}

std::optional<std::size_t> OrderedBatches::claim() {
    std::unique_lock lock(m_mutex);
    m_readers.wait(lock, [&] {
        return m_cancelled || m_next_claim >= m_slots.size() || m_next_claim < m_writing + m_limits.window;
    });
    if (m_cancelled || m_next_claim >= m_slots.size()) return std::nullopt;
    return m_next_claim++;
}

RowBatch OrderedBatches::blank(std::size_t width) {
    RowBatch b;
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            b = std::move(m_free.back());
            m_free.pop_back();
        }
    }
    b.reset(width);
    return b;
}

bool OrderedBatches::push(std::size_t slice, RowBatch&& batch) {
    std::unique_lock lock(m_mutex);
    auto& slot = m_slots[slice];
    m_readers.wait(lock, [&] { return m_cancelled || slot.batches.size() < m_limits.depth; });
    if (m_cancelled) return false;
    slot.batches.push_back(std::move(batch));
    m_writer.notify_one();
    return true;
}

void OrderedBatches::done(std::size_t slice, std::optional<Error> error) {
    std::lock_guard lock(m_mutex);
    m_slots[slice].done = true;
    m_slots[slice].error = std::move(error);
    m_writer.notify_one();
}

Result<bool> OrderedBatches::pop(RowBatch& out) {
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_writing >= m_slots.size()) return false;
        auto& slot = m_slots[m_writing];
        if (!slot.batches.empty()) {
            out = std::move(slot.batches.front());
            slot.batches.pop_front();
            m_readers.notify_all();  // room in the slot
            return true;
        }
        if (slot.done) {
            if (slot.error) return fail(*slot.error);
            ++m_writing;
            m_readers.notify_all();  // the window moved
            continue;
        }
        if (m_cancelled)
            return fail(ErrorCode::Unavailable, {"Ekspor dihentikan", "The export was stopped"});
        m_writer.wait(lock);
    }
}

void OrderedBatches::recycle(RowBatch&& batch) {
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(batch));
}

void OrderedBatches::cancel() {
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    m_readers.notify_all();
    m_writer.notify_all();
}

}  // namespace pilar::registry
