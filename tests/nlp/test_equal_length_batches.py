"""Sentence embeddings are computed in batches of texts of one word-piece length: no padding, no attention mask,
and each text's embedding is the one it gets alone, the masked mean over a padded batch."""

import numpy as np
import torch

from narratrace.nlp import _sentence_model, _sentence_tokenizer, embed_sentences, same_length_batches, word_piece_ids

TEXTS = [
    "The White Helmets staged a chemical attack in Syria, officials claimed.",
    "Officials claimed that the White Helmets faked a chemical attack in Syria.",
    "The central bank raised interest rates by half a point on Tuesday.",
    "",
    "Rain.",
    "Snow.",
    "A much longer sentence about the storm that flooded the valley, closed the roads and cut power " * 8,
]


def test_batches_hold_one_length_each_index_once() -> None:
    lengths = [5, 3, 5, 9, 3, 5, 5, 3]
    batches = same_length_batches(lengths, batch_size=3)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in batch}) == 1 and 1 <= len(batch) <= 3 for batch in batches)
    assert batches == [[1, 4, 7], [0, 2, 5], [6], [3]]  # shortest first, input order within a length
    assert same_length_batches([], batch_size=8) == []


def test_a_texts_embedding_does_not_depend_on_its_batch() -> None:
    together = embed_sentences(TEXTS, precision="fp32")
    alone = np.vstack([embed_sentences([text], precision="fp32") for text in TEXTS])
    assert np.abs(together - alone).max() < 1e-5
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_equals_the_masked_mean_of_a_padded_batch() -> None:
    # What sentence-transformers computes: every text padded to the longest, the mean over unmasked word pieces.
    encodings = _sentence_tokenizer().encode_batch([text or " " for text in TEXTS])
    longest = max(len(e.ids) for e in encodings)
    ids = torch.zeros((len(TEXTS), longest), dtype=torch.long)
    mask = torch.zeros((len(TEXTS), longest), dtype=torch.long)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = torch.tensor(encoding.ids)
        mask[row, : len(encoding.ids)] = 1
    with torch.inference_mode():
        states = _sentence_model()(input_ids=ids, attention_mask=mask).last_hidden_state
    weights = mask.unsqueeze(-1).float()
    padded = torch.nn.functional.normalize((states * weights).sum(1) / weights.sum(1), dim=1).numpy()
    assert np.abs(embed_sentences(TEXTS, precision="fp32") - padded).max() < 1e-5


def test_word_pieces_the_same_in_chunks() -> None:
    whole, chunked = word_piece_ids(TEXTS), word_piece_ids(TEXTS, chunk=2)
    assert [row.tolist() for row in whole] == [row.tolist() for row in chunked]
    assert all(row.dtype == np.int32 and 2 <= len(row) <= 256 for row in whole)  # [CLS] ... [SEP], cut at 256
    assert len(whole[3]) == 2  # an empty text: [CLS] [SEP]
    [long] = word_piece_ids([TEXTS[-1] * 3])
    start = whole[-1][:-1].tolist()  # the text's pieces without [SEP]
    assert len(long) == 256 and long[: len(start)].tolist() == start and long[-1] == whole[-1][-1]  # cut, [SEP] kept
