#include "base/big_count.h"

#include <algorithm>

namespace backtriage {

BigCount::BigCount(std::uint64_t n) {
  while (n) {
    limbs_.push_back(static_cast<std::uint32_t>(n));
    n >>= 32;
  }
}

void BigCount::trim() {
  while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
}

BigCount& BigCount::operator+=(const BigCount& other) {
  if (limbs_.size() < other.limbs_.size()) limbs_.resize(other.limbs_.size(), 0);
  std::uint64_t carry = 0;
  for (size_t i = 0; i < limbs_.size(); ++i) {
    std::uint64_t sum = carry + limbs_[i] + (i < other.limbs_.size() ? other.limbs_[i] : 0);
    limbs_[i] = static_cast<std::uint32_t>(sum);
    carry = sum >> 32;
  }
  if (carry) limbs_.push_back(static_cast<std::uint32_t>(carry));
  return *this;
}

BigCount BigCount::shifted(int bits) const {
  if (is_zero() || bits <= 0) return *this;
  BigCount out;
  int whole = bits / 32, part = bits % 32;
  out.limbs_.assign(static_cast<size_t>(whole), 0);
  std::uint32_t carry = 0;
  for (std::uint32_t limb : limbs_) {
    out.limbs_.push_back(part ? (limb << part) | carry : limb);
    carry = part ? limb >> (32 - part) : 0;
  }
  if (carry) out.limbs_.push_back(carry);
  out.trim();
  return out;
}

BigCount BigCount::times(const BigCount& factor) const {
  BigCount out;
  if (is_zero() || factor.is_zero()) return out;
  out.limbs_.assign(limbs_.size() + factor.limbs_.size(), 0);
  for (size_t i = 0; i < limbs_.size(); ++i) {
    std::uint64_t carry = 0;
    for (size_t j = 0; j < factor.limbs_.size(); ++j) {
      const std::uint64_t sum = static_cast<std::uint64_t>(limbs_[i]) * factor.limbs_[j] + out.limbs_[i + j] + carry;
      out.limbs_[i + j] = static_cast<std::uint32_t>(sum);
      carry = sum >> 32;
    }
    out.limbs_[i + factor.limbs_.size()] = static_cast<std::uint32_t>(carry);
  }
  out.trim();
  return out;
}

std::uint64_t BigCount::low_u64() const {
  std::uint64_t n = 0;
  if (limbs_.size() > 0) n = limbs_[0];
  if (limbs_.size() > 1) n |= static_cast<std::uint64_t>(limbs_[1]) << 32;
  return n;
}

std::string BigCount::str() const {
  if (is_zero()) return "0";
  std::vector<std::uint32_t> n = limbs_;
  std::string digits;
  // Divide by 10^9 repeatedly; each remainder gives nine digits.
  while (!n.empty()) {
    std::uint64_t rest = 0;
    for (size_t i = n.size(); i-- > 0;) {
      std::uint64_t cur = (rest << 32) | n[i];
      n[i] = static_cast<std::uint32_t>(cur / 1000000000u);
      rest = cur % 1000000000u;
    }
    while (!n.empty() && n.back() == 0) n.pop_back();
    std::string chunk = std::to_string(rest);
    if (!n.empty()) chunk.insert(0, 9 - chunk.size(), '0');
    digits.insert(0, chunk);
  }
  return digits;
}

bool operator<(const BigCount& a, const BigCount& b) {
  if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size();
  return std::lexicographical_compare(a.limbs_.rbegin(), a.limbs_.rend(), b.limbs_.rbegin(), b.limbs_.rend());
}

}  // namespace backtriage
