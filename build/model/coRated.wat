;; The co-rated sums of the similarity kernel (build/model/similarity.ts, kernelRow). Every address
;; is a byte offset into the imported memory, which is shared: the main thread and its helper run
;; this over one copy of the matrix, each with its own accumulator. The sums add in the same order,
;; with the same IEEE double operations, as the JavaScript loop they replace, so every similarity
;; is the same to the bit.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; For title i: acc[j] += w[u] * v[c] * v[q] for every rater u of i (CSC entry p, its CSR entry
  ;; c = cscToCsr[p]) and every later title j = colIdx[q] of u, c < q < rowPtr[u + 1]
  ;; (w: float64 per user; v: float32 per CSR entry), then the titles j whose sum is not 0 go to
  ;; `touched`. How they are found (`mode`):
  ;;   0: a pass over acc[i + 1 .. nTitles) after the sums. The sums' loop is then a bare
  ;;      scatter-add; for when the pairs visited far outnumber the titles.
  ;;   1: the first time a slot is reached, when every w and v is > 0: a slot still at exactly 0
  ;;      has not been reached.
  ;;   2: the first time a slot is reached, by stamp[j] != i (the slot is zeroed first).
  ;; A pair whose sum cancels to 0 can be left out (0 and 2 may differ there): it scores 0,
  ;; and only scores above 0 are kept. Returns how many titles went to `touched`.
  (func (export "coRatedRow")
    (param $i i32) (param $colPtr i32) (param $rowIdx i32) (param $cscToCsr i32)
    (param $rowPtr i32) (param $colIdx i32) (param $value i32) (param $userWeight i32)
    (param $acc i32) (param $stamp i32) (param $touched i32) (param $mode i32) (param $nTitles i32)
    (result i32)
    (local $p i32) (local $pEnd i32) (local $u i32) (local $c i32) (local $a f64) (local $q i32)
    (local $end i32) (local $j i32) (local $at i32) (local $x f64) (local $n i32) (local $st i32)
    (local.set $at (i32.add (local.get $colPtr) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $p (i32.load (local.get $at)))
    (local.set $pEnd (i32.load offset=4 (local.get $at)))
    (block $ratersDone
      (loop $raters
        (br_if $ratersDone (i32.ge_u (local.get $p) (local.get $pEnd)))
        (local.set $u (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $c (i32.load (i32.add (local.get $cscToCsr) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $a (f64.mul
          (f64.load (i32.add (local.get $userWeight) (i32.shl (local.get $u) (i32.const 3))))
          (f64.promote_f32 (f32.load (i32.add (local.get $value) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $q (i32.add (local.get $c) (i32.const 1)))
        (if (i32.eqz (local.get $mode))
          (then
            (block $done
              (loop $entries
                (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $at (i32.add (local.get $acc)
                  (i32.shl (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 3))))
                (f64.store (local.get $at)
                  (f64.add (f64.load (local.get $at))
                    (f64.mul (local.get $a)
                      (f64.promote_f32 (f32.load (i32.add (local.get $value) (i32.shl (local.get $q) (i32.const 2))))))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $entries))))
        (else (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (block $done
              (loop $entries
                (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $j (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $q) (i32.const 2)))))
                (local.set $at (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3))))
                (local.set $x (f64.load (local.get $at)))
                (if (f64.eq (local.get $x) (f64.const 0))
                  (then
                    (i32.store (i32.add (local.get $touched) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                (f64.store (local.get $at)
                  (f64.add (local.get $x)
                    (f64.mul (local.get $a)
                      (f64.promote_f32 (f32.load (i32.add (local.get $value) (i32.shl (local.get $q) (i32.const 2))))))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $entries))))
          (else
            (block $done
              (loop $entries
                (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $j (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $q) (i32.const 2)))))
                (local.set $at (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3))))
                (local.set $st (i32.add (local.get $stamp) (i32.shl (local.get $j) (i32.const 2))))
                (if (i32.ne (i32.load (local.get $st)) (local.get $i))
                  (then
                    (i32.store (local.get $st) (local.get $i))
                    (f64.store (local.get $at) (f64.const 0))
                    (i32.store (i32.add (local.get $touched) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                (f64.store (local.get $at)
                  (f64.add (f64.load (local.get $at))
                    (f64.mul (local.get $a)
                      (f64.promote_f32 (f32.load (i32.add (local.get $value) (i32.shl (local.get $q) (i32.const 2))))))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $entries)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $raters)))
    (if (i32.eqz (local.get $mode))
      (then
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        (block $scanned
          (loop $scan
            (br_if $scanned (i32.ge_u (local.get $j) (local.get $nTitles)))
            (if (f64.ne (f64.load (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3)))) (f64.const 0))
              (then
                (i32.store (i32.add (local.get $touched) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $scan)))))
    (local.get $n)))
