;; Scoring kernels of the ranker (build/recommend/engine.ts). Every address is a byte offset into
;; the imported memory; every loop adds in the same order, with the same IEEE double operations,
;; as the JavaScript it replaces, so the scores are the same to the bit.
(module
  (import "env" "memory" (memory 1))

  ;; score[idx[p]] += xs[r] * val[p] for every p of row rows[r] (ptr: int32 row starts), r < count
  (func (export "sparseAdd")
    (param $score i32) (param $ptr i32) (param $idx i32) (param $val i32)
    (param $rows i32) (param $xs i32) (param $count i32)
    (local $r i32) (local $i i32) (local $p i32) (local $last i32) (local $x f64) (local $a i32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $i (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $x (f64.load (i32.add (local.get $xs) (i32.shl (local.get $r) (i32.const 3)))))
        (local.set $a (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $p (i32.load (local.get $a)))
        (local.set $last (i32.load offset=4 (local.get $a)))
        (block $done
          (loop $entries
            (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
            (local.set $a (i32.add (local.get $score)
              (i32.shl (i32.load (i32.add (local.get $idx) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $a)
              (f64.add (f64.load (local.get $a))
                (f64.mul (local.get $x)
                  (f64.promote_f32 (f32.load (i32.add (local.get $val) (i32.shl (local.get $p) (i32.const 2))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; acc[j] += xs[r] * weights[rows[r] * width + j] for j < width, r < count: two lanes at a time
  (func (export "denseAdd")
    (param $acc i32) (param $weights i32) (param $width i32)
    (param $rows i32) (param $xs i32) (param $count i32)
    (local $r i32) (local $j i32) (local $x f64) (local $xx v128) (local $w i32) (local $a i32) (local $pairs i32)
    (local.set $pairs (i32.and (local.get $width) (i32.const -2)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $x (f64.load (i32.add (local.get $xs) (i32.shl (local.get $r) (i32.const 3)))))
        (local.set $xx (f64x2.splat (local.get $x)))
        (local.set $w (i32.add (local.get $weights)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))) (local.get $width)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $pairsDone
          (loop $pairLoop
            (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $a)
              (f64x2.add (v128.load (local.get $a))
                (f64x2.mul (local.get $xx)
                  (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $pairLoop)))
        (if (i32.lt_u (local.get $j) (local.get $width))
          (then
            (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $a)
              (f64.add (f64.load (local.get $a))
                (f64.mul (local.get $x) (f64.promote_f32 (f32.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; The largest of values[0..n) and 0 (a value is taken only when greater, as `if (v > max)` does).
  (func (export "maxOf") (param $values i32) (param $n i32) (result f64)
    (local $t i32) (local $v f64) (local $max f64)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $v (f64.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3)))))
        (if (f64.gt (local.get $v) (local.get $max)) (then (local.set $max (local.get $v))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
    (local.get $max))

  ;; dst[t] += f * src[t] for t < n, two lanes at a time.
  (func (export "scaleAdd") (param $dst i32) (param $src i32) (param $n i32) (param $f f64)
    (local $t i32) (local $ff v128) (local $a i32) (local $pairs i32)
    (local.set $ff (f64x2.splat (local.get $f)))
    (local.set $pairs (i32.and (local.get $n) (i32.const -2)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (local.get $pairs)))
        (local.set $a (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))))
        (v128.store (local.get $a)
          (f64x2.add (v128.load (local.get $a))
            (f64x2.mul (local.get $ff) (v128.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 3)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $l)))
    (if (i32.lt_u (local.get $t) (local.get $n))
      (then
        (local.set $a (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))))
        (f64.store (local.get $a)
          (f64.add (f64.load (local.get $a))
            (f64.mul (local.get $f) (f64.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 3))))))))))

  ;; dst[cols[j]] += f * src[j] for j < n.
  (func (export "scatterScaled") (param $dst i32) (param $cols i32) (param $src i32) (param $n i32) (param $f f64)
    (local $j i32) (local $a i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $a (i32.add (local.get $dst)
          (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 3))))
        (f64.store (local.get $a)
          (f64.add (f64.load (local.get $a))
            (f64.mul (local.get $f) (f64.load (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $l))))

  ;; The two largest single contributions per slot j: a contribution c of rated title i replaces
;; the first when greater than it (the first moves down), else the second when greater than that.
(func $offer (param $j i32) (param $i i32) (param $c f64)
    (param $best1 i32) (param $best1c i32) (param $best2 i32) (param $best2c i32)
    (local $at4 i32) (local $at8 i32) (local $first f64)
    (local.set $at4 (i32.shl (local.get $j) (i32.const 2)))
    (local.set $at8 (i32.shl (local.get $j) (i32.const 3)))
    (local.set $first (f64.load (i32.add (local.get $best1c) (local.get $at8))))
    (if (f64.gt (local.get $c) (local.get $first))
      (then
        (i32.store (i32.add (local.get $best2) (local.get $at4)) (i32.load (i32.add (local.get $best1) (local.get $at4))))
        (f64.store (i32.add (local.get $best2c) (local.get $at8)) (local.get $first))
        (i32.store (i32.add (local.get $best1) (local.get $at4)) (local.get $i))
        (f64.store (i32.add (local.get $best1c) (local.get $at8)) (local.get $c)))
      (else
        (if (f64.gt (local.get $c) (f64.load (i32.add (local.get $best2c) (local.get $at8))))
          (then
            (i32.store (i32.add (local.get $best2) (local.get $at4)) (local.get $i))
            (f64.store (i32.add (local.get $best2c) (local.get $at8)) (local.get $c)))))))

  ;; Explanations from neighbour lists: every entry p of row rows[r] (the rated title) whose title
  ;; has a slot j ≥ 0 offers xs[r]·val[p] to slot j, rows in order, entries in order.
  (func (export "explainSparse")
    (param $ptr i32) (param $idx i32) (param $val i32) (param $slot i32)
    (param $rows i32) (param $xs i32) (param $count i32)
    (param $best1 i32) (param $best1c i32) (param $best2 i32) (param $best2c i32)
    (local $r i32) (local $i i32) (local $p i32) (local $last i32) (local $x f64) (local $a i32) (local $j i32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $i (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $x (f64.load (i32.add (local.get $xs) (i32.shl (local.get $r) (i32.const 3)))))
        (local.set $a (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $p (i32.load (local.get $a)))
        (local.set $last (i32.load offset=4 (local.get $a)))
        (block $done
          (loop $entries
            (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
            (local.set $j (i32.load (i32.add (local.get $slot)
              (i32.shl (i32.load (i32.add (local.get $idx) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 2)))))
            (if (i32.ge_s (local.get $j) (i32.const 0))
              (then
                (call $offer (local.get $j) (local.get $i)
                  (f64.mul (local.get $x) (f64.promote_f32 (f32.load (i32.add (local.get $val) (i32.shl (local.get $p) (i32.const 2))))))
                  (local.get $best1) (local.get $best1c) (local.get $best2) (local.get $best2c))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; Explanations from dense rows: for rated title titles[r] (dense row rows[r]) and each slot
  ;; j < k whose title has column cols[j] ≥ 0, a non-zero weight w offers xs[r]·w to slot j.
  (func (export "explainDense")
    (param $weights i32) (param $width i32) (param $rows i32) (param $titles i32) (param $xs i32) (param $count i32)
    (param $cols i32) (param $k i32)
    (param $best1 i32) (param $best1c i32) (param $best2 i32) (param $best2c i32)
    (local $r i32) (local $i i32) (local $x f64) (local $base i32) (local $j i32) (local $col i32) (local $w f32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $i (i32.load (i32.add (local.get $titles) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $x (f64.load (i32.add (local.get $xs) (i32.shl (local.get $r) (i32.const 3)))))
        (local.set $base (i32.add (local.get $weights)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))) (local.get $width)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $done
          (loop $slots
            (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $col (i32.load (i32.add (local.get $cols) (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.ge_s (local.get $col) (i32.const 0))
              (then
                (local.set $w (f32.load (i32.add (local.get $base) (i32.shl (local.get $col) (i32.const 2)))))
                (if (f32.ne (local.get $w) (f32.const 0))
                  (then
                    (call $offer (local.get $j) (local.get $i) (f64.mul (local.get $x) (f64.promote_f32 (local.get $w)))
                      (local.get $best1) (local.get $best1c) (local.get $best2) (local.get $best2c))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $slots)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; The candidates of a ranking, in title order, into out: titles with a score above 0 that the
  ;; user has not rated (rated[t] ≠ stamp) and, when mask ≠ 0, that the mask allows (a byte 1).
  ;; Returns how many.
  (func (export "candidates")
    (param $score i32) (param $rated i32) (param $stamp i32) (param $mask i32) (param $n i32) (param $out i32) (result i32)
    (local $t i32) (local $count i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (block $skip
          (br_if $skip (i32.eqz (f64.gt (f64.load (i32.add (local.get $score) (i32.shl (local.get $t) (i32.const 3)))) (f64.const 0))))
          (br_if $skip (i32.eq (i32.load (i32.add (local.get $rated) (i32.shl (local.get $t) (i32.const 2)))) (local.get $stamp)))
          (br_if $skip (i32.and (i32.ne (local.get $mask) (i32.const 0))
            (i32.ne (i32.load8_u (i32.add (local.get $mask) (local.get $t))) (i32.const 1))))
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $t))
          (local.set $count (i32.add (local.get $count) (i32.const 1))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
    (local.get $count))
)
