#ifndef GLOW_CEDITLINE_SHIM_H
#define GLOW_CEDITLINE_SHIM_H
// libedit's readline-compatible API. Swift 6 rejects direct access to C globals
// ("not concurrency-safe"), so every global we touch goes through a helper here.
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

static inline void glow_rl_set_attempted_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void glow_rl_set_completion_over(int v) { rl_attempted_completion_over = v; }
static inline void glow_rl_set_append_character(int c) { rl_completion_append_character = c; }
static inline void glow_rl_set_readline_name(const char *name) { rl_readline_name = name; }
static inline const char *glow_rl_line_buffer(void) { return rl_line_buffer; }
static inline void glow_rl_set_basic_word_break_characters(const char *s) { rl_basic_word_break_characters = (char *)s; }
#endif
