/* SPDX-License-Identifier: GPL-2.0-only */
/* Included by test-config-pipeline.c: compiled blobs carry what the YAML said, in the ABI layout. */

static const struct cv_mem_region *blob_region(const struct cv_cell_config *c, unsigned int i)
{
	return &cv_cell_mem_regions(c)[i];
}

static void test_compile_cell(const char *dir)
{
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ void *blob = NULL;
	const struct cv_cell_config *cc;
	size_t size = 0;

	cv_diag_init(&d);
	if (asprintf(&path, "%s/full-cell.yaml", dir) < 0 || cv_config_load(path, &c, &d) < 0) {
		ok(false, "%s loads", "full-cell.yaml", NULL);
		return;
	}
	ok(cv_cell_compile(&c->cell, &blob, &size) == 0, "%s compiles", "full-cell.yaml", NULL);
	cc = blob;
	ok(size == sizeof(*cc) + 4 * sizeof(struct cv_mem_region) && cc->size == size &&
	   cc->num_mem_regions == 4 && cv_cell_config_size(cc) == size, "blob size matches its %s", "4 regions", NULL);
	ok(memcmp(cc->signature, CV_CELL_SIGNATURE, 8) == 0 && cc->revision == CV_CONFIG_REVISION,
	   "blob has the %s signature and revision", "cell", NULL);
	ok(streq(cc->name, "full_cell.1") && cc->cpu_mask == 0x6 && cc->reset_address == 0x1000 &&
	   cc->msg_reply_timeout_us == 100000, "name, CPUs, reset address, timeout %s", "compiled", NULL);
	ok(cv_irq_owned(cc->irq_bitmap, 40) && cv_irq_owned(cc->irq_bitmap, 41) &&
	   cv_irq_owned(cc->irq_bitmap, 64) && !cv_irq_owned(cc->irq_bitmap, 42), "IRQ bitmap %s", "40-41,64", NULL);
	ok(cc->flags == (CV_CELL_VUART | CV_CELL_VIRTUAL_CONSOLE_ACTIVE | CV_CELL_VIRTUAL_CONSOLE_PERMITTED |
			  CV_CELL_MAY_VETO) &&
	   cc->vuart.base == 0x09000000 && cc->vuart.irq == 64, "flags and %s", "vuart", NULL);
	ok(cc->console.type == CV_CON_TYPE_PL011 && cc->console.address == 0x09000000 && cc->console.size == 0x1000 &&
	   cc->console.flags == CV_CON_FLAG_MMIO, "console %s", "pl011", NULL);
	ok(blob_region(cc, 0)->phys_start == 0x70000000 && blob_region(cc, 0)->virt_start == 0 &&
	   blob_region(cc, 0)->size == 0x200000 &&
	   blob_region(cc, 0)->flags == (CV_MEM_READ | CV_MEM_WRITE | CV_MEM_EXECUTE | CV_MEM_LOADABLE),
	   "region 0 is %s", "RAM 2M RWX loadable at IPA 0", NULL);
	ok(blob_region(cc, 1)->virt_start == 0x70200000 && blob_region(cc, 1)->flags == CV_MEM_READ,
	   "region 1 is %s", "identity-mapped read-only", NULL);
	ok(blob_region(cc, 3)->virt_start == 0x80000000 && blob_region(cc, 3)->size == 0x1000 &&
	   (blob_region(cc, 3)->flags & CV_MEM_COMM_REGION), "region 3 is the %s", "comm region at 0x80000000", NULL);
}

/* A vUART and no console: the inmate's console is the vUART. */
static void test_compile_vuart_console(void)
{
	static const char yaml[] =
		"kind: cell\nname: v\ncpus: 2\nirqs: 64\n"
		"memory:\n  - { phys: 0x7fa00000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n"
		"vuart: { base: 0x09000000, irq: 64 }\n";
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ void *blob = NULL;
	const struct cv_cell_config *cc;
	size_t size = 0;

	cv_diag_init(&d);
	if (cv_config_load_string("vuart.yaml", yaml, sizeof(yaml) - 1, &c, &d) < 0 ||
	    cv_cell_compile(&c->cell, &blob, &size) < 0) {
		ok(false, "%s compiles", "a vUART cell", d.n_msgs ? d.msgs[0] : NULL);
		return;
	}
	cc = blob;
	ok(cc->console.type == CV_CON_TYPE_PL011 && cc->console.address == 0x09000000 &&
	   cc->console.size == 0x1000 && cc->console.flags == (CV_CON_FLAG_MMIO | CV_CON_FLAG_REGDIST_4),
	   "a vUART and no console: the comm region names the vUART as its %s", "PL011 console", NULL);
}

static void test_compile_system(const struct cv_config *sys)
{
	_cleanup_free_ void *blob = NULL;
	const struct cv_system_config *sc;
	size_t size = 0;

	ok(cv_system_compile(&sys->system, &blob, &size) == 0, "%s compiles", "the system config", NULL);
	sc = blob;
	ok(memcmp(sc->signature, CV_SYSTEM_SIGNATURE, 8) == 0 && sc->size == size &&
	   size == sizeof(*sc) + sc->root_cell.num_mem_regions * sizeof(struct cv_mem_region) +
		   sc->root_cell.num_links * sizeof(struct cv_link),
	   "system blob %s", "signature and size", NULL);
	ok(sc->hypervisor.phys_start == 0x7fc00000 && sc->hypervisor.size == 0x400000,
	   "hypervisor memory %s", "0x7fc00000 +4M", NULL);
	ok(sc->platform.gicd_base == 0x08000000 && sc->platform.gicr_base == 0x080a0000 &&
	   sc->platform.gicr_stride == 0x20000 && sc->platform.maintenance_irq == 25 &&
	   sc->platform.num_cpus == 4 && sc->platform.cpu_mpidr[3] == 3 && sc->platform.gic_version == 3,
	   "platform %s", "GICv3 QEMU virt", NULL);
	ok(sc->root_cell.cpu_mask == 0xf && cv_irq_owned(sc->root_cell.irq_bitmap, 287) &&
	   !cv_irq_owned(sc->root_cell.irq_bitmap, 288) && sc->root_cell.num_mem_regions == 6 &&
	   cv_cell_mem_regions(&sc->root_cell)[2].flags & CV_MEM_ROOT_RAM &&
	   !(cv_cell_mem_regions(&sc->root_cell)[3].flags & CV_MEM_ROOT_RAM),
	   "root cell %s", "CPUs, IRQs, regions (Linux's RAM flagged root-ram)", NULL);
	ok(sc->root_cell.num_links == 1 && streq(cv_cell_links(&sc->root_cell)[0].name, "ivshmem-demo") &&
	   cv_cell_links(&sc->root_cell)[0].id == 0 && cv_cell_links(&sc->root_cell)[0].peers == 3 &&
	   sc->platform.pci_mmconfig_base == 0x08e00000, "root cell %s", "link ivshmem-demo, peer 0", NULL);
	ok(sc->debug_console.type == CV_CON_TYPE_PL011 && sc->debug_console.address == 0x09000000,
	   "debug console %s", "PL011", NULL);
}

/* A link follows the regions; its layout and the member's place in it. */
static void test_compile_link(void)
{
	static const char yaml[] =
		"kind: cell\nname: l\ncpus: 2\nirqs: 145\nvpci-irq-base: 144\n"
		"memory:\n  - { phys: 0x7fa00000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n"
		"links:\n  - { name: demo, peers: 4, protocol: 0x4001, phys: 0x7fb00000, virt: 0x10000000,\n"
		"      rw-size: 8K, output-size: 4K, id: 3, slot: 5 }\n";
	_cleanup_(cv_config_freep) struct cv_config *c = NULL;
	_cleanup_(cv_diag_clearp) struct cv_diag d = {};
	_cleanup_free_ void *blob = NULL;
	const struct cv_cell_config *cc;
	const struct cv_link *l;
	size_t size = 0;

	cv_diag_init(&d);
	if (cv_config_load_string("link.yaml", yaml, sizeof(yaml) - 1, &c, &d) < 0 ||
	    cv_cell_validate(c, NULL, &d) < 0 || cv_cell_compile(&c->cell, &blob, &size) < 0) {
		ok(false, "%s compiles", "a cell with a link", d.n_msgs ? d.msgs[0] : NULL);
		return;
	}
	cc = blob;
	l = cv_cell_links(cc);
	ok(cc->num_links == 1 && cv_cell_config_size(cc) == size && cc->vpci_irq_base == 144,
	   "a link's blob: %s", "size, vpci-irq-base", NULL);
	ok(streq(l->name, "demo") && l->phys == 0x7fb00000 && l->virt == 0x10000000 && l->rw_size == 0x2000 &&
	   l->output_size == 0x1000 && l->peers == 4 && l->id == 3 && l->protocol == 0x4001 && l->slot == 5 &&
	   cv_link_size(l) == 0x1000 + 0x2000 + 4 * 0x1000, "a link's blob: %s", "layout, ID, slot", NULL);
}

static void test_compile(const char *valid_dir, const struct cv_config *sys)
{
	test_compile_cell(valid_dir);
	test_compile_link();
	test_compile_vuart_console();
	test_compile_system(sys);
}
