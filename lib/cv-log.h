/* SPDX-License-Identifier: GPL-2.0-only */
/* Logging to stderr with sd-daemon priority prefixes, so journald keeps the level. */
#ifndef CV_LOG_H
#define CV_LOG_H

#include <stdarg.h>
#include "cv-util.h"

enum {
	CV_LOG_ERR = 3,
	CV_LOG_WARNING = 4,
	CV_LOG_NOTICE = 5,
	CV_LOG_INFO = 6,
	CV_LOG_DEBUG = 7,
};

/* Messages above this level are dropped; CELLVISOR_LOG_LEVEL=debug raises it. */
void cv_log_set_max_level(int level);
void cv_log_setup(void);

/* Log and return r (a negative errno), so a failure is logged once, where it is handled. */
int cv_log_errno(int level, int r, const char *fmt, ...) _printf_(3, 4);

#define log_debug(...)	(void)cv_log_errno(CV_LOG_DEBUG, 0, __VA_ARGS__)
#define log_info(...)	(void)cv_log_errno(CV_LOG_INFO, 0, __VA_ARGS__)
#define log_notice(...)	(void)cv_log_errno(CV_LOG_NOTICE, 0, __VA_ARGS__)
#define log_warning(...) (void)cv_log_errno(CV_LOG_WARNING, 0, __VA_ARGS__)
#define log_error(...)	(void)cv_log_errno(CV_LOG_ERR, 0, __VA_ARGS__)
#define log_error_errno(r, ...)	  cv_log_errno(CV_LOG_ERR, (r), __VA_ARGS__)
#define log_warning_errno(r, ...) cv_log_errno(CV_LOG_WARNING, (r), __VA_ARGS__)
#define log_debug_errno(r, ...)	  cv_log_errno(CV_LOG_DEBUG, (r), __VA_ARGS__)
#define log_oom() cv_log_errno(CV_LOG_ERR, -ENOMEM, "Out of memory.")

#endif /* CV_LOG_H */
