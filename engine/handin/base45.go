package handin

import "errors"

// The Base45 alphabet (RFC 9285): the QR alphanumeric mode's characters.
const alphabet45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// base45Encode writes each two bytes as three characters, least
// significant first, and a last odd byte as two.
func base45Encode(b []byte) string {
	out := make([]byte, 0, (len(b)+1)/2*3)
	for i := 0; i+1 < len(b); i += 2 {
		n := int(b[i])<<8 | int(b[i+1])
		out = append(out, alphabet45[n%45], alphabet45[n/45%45], alphabet45[n/2025])
	}
	if len(b)%2 == 1 {
		n := int(b[len(b)-1])
		out = append(out, alphabet45[n%45], alphabet45[n/45])
	}
	return string(out)
}

var errBase45 = errors.New("not Base45")

func base45Decode(s string) ([]byte, error) {
	var val [256]int8
	for i := range val {
		val[i] = -1
	}
	for i := 0; i < len(alphabet45); i++ {
		val[alphabet45[i]] = int8(i)
	}
	if len(s)%3 == 1 {
		return nil, errBase45
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		k := min(3, len(s)-i)
		n, m := 0, 1
		for j := 0; j < k; j++ {
			v := val[s[i+j]]
			if v < 0 {
				return nil, errBase45
			}
			n += int(v) * m
			m *= 45
		}
		if k == 3 {
			if n > 0xFFFF {
				return nil, errBase45
			}
			out = append(out, byte(n>>8), byte(n))
		} else {
			if n > 0xFF {
				return nil, errBase45
			}
			out = append(out, byte(n))
		}
	}
	return out, nil
}
